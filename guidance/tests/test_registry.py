from guidance.registry import BY_SLUG, CONTENT_DIR, CONTENT_LANGUAGES, TOPICS, get_topic

# The ten topics of the product spec, then the five of issue 13 (other pages link
# to these slugs, so they are fixed).
SPEC_TOPICS = {
    "causes",
    "consequences",
    "grace-and-penalty",
    "negotiation",
    "checklist",
    "repayment-options",
    "rights",
    "myths",
    "prevention",
    "faq",
}
ISSUE_13_TOPICS = {
    "credit-cards",
    "court-papers",
    "debt-relief-agents",
    "several-debts",
    "credit-report",
}


def test_registry_lists_the_spec_topics_and_the_five_new_ones_once_each():
    slugs = [topic.slug for topic in TOPICS]
    assert len(slugs) == len(set(slugs)) == 15
    assert set(slugs) == SPEC_TOPICS | ISSUE_13_TOPICS
    assert set(BY_SLUG) == SPEC_TOPICS | ISSUE_13_TOPICS


def test_each_new_topic_is_found_by_its_slug():
    for slug in sorted(ISSUE_13_TOPICS):
        topic = get_topic(slug)
        assert topic is not None, slug
        assert topic.slug == slug


def test_every_registered_topic_has_a_file_in_each_language():
    missing = [
        f"{language}/{topic.slug}.md"
        for topic in TOPICS
        for language in CONTENT_LANGUAGES
        if not topic.path(language).is_file()
    ]
    assert missing == []


def test_content_languages_are_zh_hans_zh_hant_then_en():
    assert CONTENT_LANGUAGES == ("zh-hans", "zh-hant", "en")


def test_no_markdown_file_is_outside_the_registry():
    # FORMAT.md at the top of content/ documents the format and is never served.
    registered = {f"{lang}/{topic.slug}.md" for lang in CONTENT_LANGUAGES for topic in TOPICS}
    found = {
        path.relative_to(CONTENT_DIR).as_posix()
        for path in CONTENT_DIR.rglob("*.md")
        if path != CONTENT_DIR / "FORMAT.md"
    }
    assert found - registered == set()
    assert (CONTENT_DIR / "FORMAT.md").is_file()


def test_content_has_a_folder_per_language_and_nothing_else():
    folders = {path.name for path in CONTENT_DIR.iterdir() if path.is_dir()}
    assert folders == set(CONTENT_LANGUAGES)


def test_get_topic_finds_a_registered_slug():
    topic = get_topic("faq")
    assert topic is not None
    assert topic.slug == "faq"


def test_get_topic_returns_none_for_anything_unregistered():
    for slug in ("nope", "", "FORMAT", "../../etc/passwd", "faq.md", "FAQ", "en/faq"):
        assert get_topic(slug) is None, slug


def test_topic_path_is_the_language_folder_and_slug():
    topic = get_topic("grace-and-penalty")
    assert topic.path("en") == CONTENT_DIR / "en" / "grace-and-penalty.md"
    assert topic.path("zh-hans") == CONTENT_DIR / "zh-hans" / "grace-and-penalty.md"


def test_only_the_consequences_topic_shows_the_timeline():
    with_feature = {topic.slug: topic.feature for topic in TOPICS if topic.feature}
    assert with_feature == {"consequences": "timeline"}
