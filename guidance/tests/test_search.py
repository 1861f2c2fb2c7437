import re

import pytest

from guidance.content import all_articles, load_article
from guidance.registry import CONTENT_LANGUAGES, TOPICS
from guidance.search import (
    MAX_QUERY_LENGTH,
    RANK_TEXT,
    RANK_TITLE,
    clean_query,
    highlight,
    normalise,
    passage,
    search,
)
from guidance.views import SEARCH_SUGGESTIONS

CJK = "[\u4e00-\u9fff]"


def hit_keys(hits):
    return [(h.slug, h.anchor, h.rank) for h in hits]


# --- matching --------------------------------------------------------------


@pytest.mark.parametrize(("word", "next_char"), [("罚息", None), ("宽限", "期")])
def test_chinese_word_is_found_inside_a_sentence(word, next_char):
    hits = search(word, "zh-hans")
    body_hits = [h for h in hits if h.rank == RANK_TEXT]
    assert body_hits
    # Found in running text, with Chinese characters right before it: no spaces needed.
    inside = [h for h in body_hits if re.search(f"{CJK}<mark>{word}</mark>", h.snippet)]
    assert inside
    if next_char:
        assert any(f"<mark>{word}</mark>{next_char}" in h.snippet for h in hits)


def test_english_search_ignores_case():
    lower = search("grace", "en")
    assert lower
    assert hit_keys(search("GRACE", "en")) == hit_keys(lower)
    assert hit_keys(search("GrAcE", "en")) == hit_keys(lower)


def test_full_width_letters_match_half_width():
    assert normalise("ｇｒａｃｅ") == "grace"
    hits = search("ｇｒａｃｅ", "en")
    assert hits
    assert hit_keys(hits) == hit_keys(search("grace", "en"))
    assert any("<mark>grace</mark>" in h.snippet for h in hits)


def test_full_width_digits_match_half_width():
    assert hit_keys(search("１２３７８", "zh-hans")) == hit_keys(search("12378", "zh-hans"))
    assert search("12378", "zh-hans")


@pytest.mark.parametrize(
    ("query", "language", "title_slug"),
    [
        ("罚息", "zh-hans", "grace-and-penalty"),
        ("误区", "zh-hans", "myths"),
        ("Myths", "en", "myths"),
    ],
)
def test_title_hits_rank_before_body_hits(query, language, title_slug):
    hits = search(query, language)
    assert hits[0].slug == title_slug
    assert hits[0].rank == RANK_TITLE
    assert [h.rank for h in hits] == sorted(h.rank for h in hits)
    # Ranked by where it matched, not by reading order: "myths" (order 8) comes
    # before body hits in "causes" (order 1).
    later_body = [h for h in hits[1:] if h.rank == RANK_TEXT]
    assert later_body
    if title_slug == "myths":
        assert min(h.order for h in later_body) < hits[0].order


def test_an_article_matched_by_its_title_is_listed_once():
    slugs = [h.slug for h in search("Myths", "en")]
    assert slugs.count("myths") == 1


@pytest.mark.parametrize(("query", "language"), [("penalty", "en"), ("罚息", "zh-hans")])
def test_search_looks_only_in_articles_of_the_page_language(query, language):
    titles = {article.title for article in all_articles(language)}
    hits = search(query, language)
    assert hits
    assert {hit.title for hit in hits} <= titles


# --- marking and escaping --------------------------------------------------


def test_matches_are_marked_and_surrounding_text_is_escaped():
    out = highlight("a <b>bold</b> & grace", "grace")
    assert out == "a &lt;b&gt;bold&lt;/b&gt; &amp; <mark>grace</mark>"


def test_a_query_that_looks_like_html_is_escaped_inside_the_mark():
    assert highlight("x <b> y", "<b>") == "x <mark>&lt;b&gt;</mark> y"


def test_every_match_in_the_passage_is_marked_with_original_case():
    out = highlight("Grace and grace and GRACE", "grace")
    assert out == "<mark>Grace</mark> and <mark>grace</mark> and <mark>GRACE</mark>"


def test_long_text_is_cut_around_the_match_with_ellipses():
    text = "甲" * 100 + "罚息" + "乙" * 100
    out = highlight(text, "罚息")
    assert out.startswith("…") and out.endswith("…")
    assert "<mark>罚息</mark>" in out
    assert len(out) < 120


def test_text_whose_folding_changes_its_length_is_shown_escaped_without_a_mark():
    # "ﬁ" folds to "fi": positions no longer line up, so no mark, but still escaped.
    out = highlight("ﬁne <b>print</b>", "fine")
    assert "<mark>" not in out
    assert "<b>" not in out


def test_passage_without_the_query_shows_the_escaped_opening():
    out = passage("<i>" + "x" * 200, "zzz")
    assert out.startswith("&lt;i&gt;")
    assert out.endswith("…")


def test_search_page_escapes_an_html_query(client):
    html = client.get("/en/search/", {"q": "<b>"}).content.decode()
    assert "<b>" not in html
    assert "&lt;b&gt;" in html


def test_search_page_shows_the_marked_passage(client):
    html = client.get("/zh-hans/search/", {"q": "宽限"}).content.decode()
    assert "<mark>宽限</mark>" in html


# --- FAQ answers -----------------------------------------------------------


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_every_faq_answer_is_found_and_links_to_its_anchor(client, language):
    faq = load_article("faq", language)
    for section in faq.sections:
        # A piece from inside the answer, not its question.
        middle = len(section.text) // 2
        piece = section.text[middle : middle + (8 if language == "zh-hans" else 20)]
        hits = search(piece, language)
        assert ("faq", section.anchor) in [(h.slug, h.anchor) for h in hits], piece
        html = client.get(f"/{language}/search/", {"q": piece}).content.decode()
        assert f'href="/{language}/guidance/faq/#{section.anchor}"' in html, piece


# --- the page's states -----------------------------------------------------


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "   "}])
def test_empty_query_shows_no_results_and_no_error(client, params):
    response = client.get("/en/search/", params)
    assert response.status_code == 200
    html = response.content.decode()
    assert "search-results" not in html
    assert "empty-state" not in html
    assert 'name="q"' in html
    assert search("", "en") == []
    assert search("   ", "en") == []


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_query_matching_nothing_shows_suggestions_and_every_topic(client, language):
    response = client.get(f"/{language}/search/", {"q": "zzqqxx"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "empty-state" in html
    assert "search-results" not in html
    assert html.count('<ul class="search-suggestions">') == 1
    assert html.count('href="?q=') == len(SEARCH_SUGGESTIONS)
    for topic in TOPICS:
        assert f'href="/{language}/guidance/{topic.slug}/"' in html


def test_english_suggestions_each_find_something():
    for word in SEARCH_SUGGESTIONS:
        assert search(str(word), "en"), word


def test_results_page_counts_and_lists_hits(client):
    response = client.get("/en/search/", {"q": "grace"})
    hits = response.context["hits"]
    assert hits
    html = response.content.decode()
    assert f"{len(hits)} results for" in html
    assert html.count("<mark>") >= len(hits)


def test_a_1000_character_query_is_cut_to_100_and_does_not_fail(client):
    long_query = "罚息" * 500
    assert len(clean_query(long_query)) == MAX_QUERY_LENGTH == 100
    response = client.get("/zh-hans/search/", {"q": long_query})
    assert response.status_code == 200
    assert response.context["query"] == long_query[:100]
    assert f'value="{long_query[:100]}"' in response.content.decode()


def test_clean_query_collapses_whitespace():
    assert clean_query("  grace \t period\n") == "grace period"


def test_results_are_limited_and_sorted_for_a_common_letter():
    hits = search("e", "en")
    assert 0 < len(hits) <= 30
    assert [(h.rank, h.order) for h in hits] == sorted((h.rank, h.order) for h in hits)


def test_every_article_can_be_found_by_its_own_title():
    for language in CONTENT_LANGUAGES:
        for article in all_articles(language):
            hits = search(article.title, language)
            assert (article.slug, RANK_TITLE) in [(h.slug, h.rank) for h in hits]
