"""What the articles say, checked against spec/facts.md (issue 13's corrections).

Each test names the statement it guards. The words are read from the articles
as rendered (summary, headings and body text), and from the pages that show
the summaries (home, index, search).
"""

import re
from datetime import date

import pytest
from django.utils import translation

from core.timeline import STEPS
from guidance.content import all_articles, load_article
from guidance.registry import CONTENT_LANGUAGES, TOPICS, WRITTEN_LANGUAGES

# The day every article was last checked against facts.md.
REVIEWED = date(2026, 12, 6)

FIVE_INSTRUMENTS = {
    "zh-hans": ("判决", "裁定", "仲裁裁决", "公证债权文书", "支付令"),
    "en": ("judgment", "ruling", "arbitral award", "notarised debt instrument", "payment order"),
}


def words(slug: str, language: str) -> str:
    article = load_article(slug, language)
    parts = [article.title, article.summary, article.intro]
    parts += [f"{s.heading} {s.text}" for s in article.sections]
    return " ".join(parts)


def everything(language: str) -> str:
    return " ".join(words(topic.slug, language) for topic in TOPICS)


def sentences(text: str) -> list[str]:
    # A full stop ends an English sentence only before a capital: not "No. 251".
    return [s for s in re.split(r"(?<=[。！？；;])|(?<=[.!?])\s+(?=[A-Z\"(])", text) if s.strip()]


def section(slug: str, language: str, anchor: str) -> str:
    found = {s.anchor: s for s in load_article(slug, language).sections}[anchor]
    return f"{found.heading} {found.text}"


def test_every_article_was_reviewed_on_the_day_of_this_check():
    for language in CONTENT_LANGUAGES:
        for article in all_articles(language):
            assert article.reviewed == REVIEWED, (language, article.slug)


# --- prison ----------------------------------------------------------------


def test_the_myths_summary_no_longer_says_prison_never_happens():
    zh, en = load_article("myths", "zh-hans").summary, load_article("myths", "en").summary
    assert "不会让你坐牢" not in zh
    assert "does not send you to prison" not in en
    # It states the rule: civil, with the three narrow criminal routes.
    for needle in ("民事纠纷", "信用卡恶意透支", "拒不执行判决", "贷款诈骗"):
        assert needle in zh
    for needle in ("civil matter", "credit-card overdraft", "refusing to carry out a judgment",
                   "loan fraud"):
        assert needle in en


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_the_three_criminal_routes_are_named_where_prison_is_answered(language):
    for slug, anchor in [("myths", "myth-criminal"), ("faq", "q-prison"),
                         ("consequences", "criminal")]:
        text = section(slug, language, anchor)
        for article in ("196", "313", "193"):
            assert article in text, (slug, article)


@pytest.mark.parametrize("url", ["/{lang}/", "/{lang}/guidance/", "/{lang}/search/?q=zzqqxx"])
def test_no_page_that_lists_the_summaries_says_prison_never_happens(client, url):
    zh = client.get(url.format(lang="zh-hans")).content.decode()
    assert load_article("myths", "zh-hans").summary in zh
    assert "不会让你坐牢" not in zh
    en = client.get(url.format(lang="en")).content.decode()
    assert "does not send you to prison" not in en


def test_the_site_says_nin_not_ni_in_chinese():
    assert "你" not in everything("zh-hans")
    with translation.override("zh-hans"):
        assert all("你" not in str(text) for pair in STEPS.values() for text in pair)
    assert load_article("rights", "zh-hans").title == "您的权利"


# --- penalty interest: 1.3–1.5× is the banks' rule -------------------------


@pytest.mark.parametrize(
    ("language", "range_words", "bank"),
    [("zh-hans", ("1.3至1.5",), "银行"), ("en", ("1.3 to 1.5", "1.3× to 1.5×"), "bank")],
)
def test_the_1_3_to_1_5_rule_is_always_said_to_be_for_bank_loans(language, range_words, bank):
    found = [s for s in sentences(everything(language)) if any(w in s for w in range_words)]
    assert len(found) >= 4
    for sentence in found:
        assert bank in sentence.lower(), sentence


def test_cards_are_said_to_charge_a_late_payment_fee_not_a_penalty_multiple():
    assert "违约金" in section("grace-and-penalty", "zh-hans", "how-penalty-works")
    assert "违约金" in section("consequences", "zh-hans", "penalty-interest")
    assert "late-payment charge" in section("grace-and-penalty", "en", "how-penalty-works")


# --- the credit report -----------------------------------------------------


@pytest.mark.parametrize(("language", "past"), [("zh-hans", "已过"), ("en", "has passed")])
def test_the_2025_one_time_policy_is_mentioned_as_past_where_records_cannot_be_removed(
    language, past
):
    for slug, anchor in [("consequences", "credit-report"), ("myths", "myth-paid-agents")]:
        text = section(slug, language, anchor)
        assert "2025" in text and "2026" in text and past in text, slug


def test_the_2019_notices_are_not_said_to_have_been_reported_as_fact():
    zh = section("rights", "zh-hans", "lesson-2019")
    assert "并作了上报" not in zh
    assert "称他们已经逾期并已上报" in zh
    en = section("rights", "en", "lesson-2019")
    assert "saying that they were overdue and had been reported" in en


# --- enforcement -----------------------------------------------------------


@pytest.mark.parametrize("language", WRITTEN_LANGUAGES)
def test_restrictions_name_every_instrument_that_can_lead_to_them(language):
    places = [("faq", "q-xiangao"), ("consequences", "lawsuit"), ("myths", "myth-travel-ban")]
    for slug, anchor in places:
        text = section(slug, language, anchor)
        for instrument in FIVE_INSTRUMENTS[language]:
            assert instrument in text, (slug, instrument)
    with translation.override(language):
        day_90 = str(STEPS["day_90"][1])
    assert all(instrument in day_90 for instrument in FIVE_INSTRUMENTS[language])


@pytest.mark.parametrize(("language", "extension"), [("zh-hans", "延长"), ("en", "extended")])
def test_the_two_years_of_the_defaulter_list_come_with_their_extension(language, extension):
    two_years = "2年" if language == "zh-hans" else "2 years"
    for slug, anchor in [("faq", "q-xiangao"), ("myths", "myth-travel-ban")]:
        text = section(slug, language, anchor)
        assert two_years in text and extension in text, slug


def test_children_of_a_defaulter_are_not_said_to_be_untouched():
    zh = section("faq", "zh-hans", "q-children-exams")
    assert "也一样" not in zh
    assert "高收费" in zh  # what the restriction does touch
    assert "The same holds" not in section("faq", "en", "q-children-exams")


def test_small_claims_are_those_below_half_the_average_wage():
    assert "at or below" not in everything("en")
    assert "50%以下" not in everything("zh-hans")
    assert "低于本省年平均工资50%" in section("consequences", "zh-hans", "lawsuit")


def test_shenzhen_asks_for_three_consecutive_years_of_social_insurance():
    assert "连续参加深圳社保满3年" in section("myths", "zh-hans", "myth-bankruptcy")
    assert "3 consecutive years" in section("myths", "en", "myth-bankruptcy")


# --- rates -----------------------------------------------------------------


@pytest.mark.parametrize(("language", "term"), [("zh-hans", "12期"), ("en", "12 months")])
def test_the_16_2_percent_example_always_gives_its_12_month_term(language, term):
    found = [s for s in sentences(everything(language)) if "16.2" in s]
    assert found
    for sentence in found:
        assert term in sentence, sentence


def test_the_annualised_rate_rule_is_not_overstated():
    zh, en = everything("zh-hans"), everything("en")
    assert "更显眼的位置" not in zh and "而且要比日利率、月利率更醒目" not in zh
    assert "不能比它更" in zh
    assert "more prominently than any daily" not in en


# --- collection ------------------------------------------------------------


@pytest.mark.parametrize(("language", "obliging"), [("zh-hans", "(规定|要求)"), ("en", "(requires|says:)")])
def test_the_collection_standard_is_called_recommended_and_never_binding(language, obliging):
    text = everything(language)
    mentions = [s for s in sentences(text) if "45251" in s]
    assert mentions
    for sentence in mentions:
        assert not re.search(rf"45251[^。.]*?{obliging}", sentence), sentence
    assert ("推荐性" if language == "zh-hans" else "recommended") in text


def test_day_30_and_day_90_are_not_milestones_of_collection():
    zh, en = everything("zh-hans"), everything("en")
    assert "逾期约90天后" not in zh and "D+30" not in zh and "D+90" not in zh
    assert "From around 90 days" not in en
    for language in CONTENT_LANGUAGES:
        with translation.override(language):
            words = " ".join(str(t) for pair in STEPS.values() for t in pair)
        assert "通常会升级" not in words and "usually escalates" not in words
        assert "提醒通常转为催收" not in words and "turn into collection" not in words


def test_the_grace_step_uses_facts_md_wording_and_promises_no_credit_report_silence():
    with translation.override("zh-hans"):
        text = str(STEPS["grace_end"][1])
    assert "是否有宽限期、宽限期内是否计罚息、何时上报征信，以借款合同或APP页面为准" in text
    assert "也不上报征信" not in text
    with translation.override("en"):
        text = str(STEPS["grace_end"][1])
    assert "usually avoids" not in text


def test_older_xiaomi_lenders_are_possibilities_not_a_rule():
    assert "常常" not in section("rights", "zh-hans", "who-is-lender")
    assert "often" not in section("rights", "en", "who-is-lender")


# --- writing ---------------------------------------------------------------


def test_phrases_that_read_as_translated_are_gone():
    zh, en = everything("zh-hans"), everything("en")
    for phrase in ("逾期的后果是真实的，但有边界", "品格问题", "真正相关的罪名"):
        assert phrase not in zh
    for phrase in ("crimes actually nearby", "the borrower does it in person"):
        assert phrase not in en


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_dates_are_written_one_way_in_each_language(language):
    text = everything(language)
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", text)  # no ISO dates in prose or tables
    assert not re.search(r"(?<![\d年])\b\d\d-\d\d\b", text)  # no "04-10"
    if language == "en":
        # One English form, as the other topics write it: "10 April 2026", never "April 10".
        months = "January|February|March|April|May|June|July|August|September|October|November|December"
        assert not re.search(rf"\b({months}) \d{{1,2}}\b", text)


def test_the_review_date_is_shown_in_the_pages_date_format(client):
    zh = client.get("/zh-hans/guidance/faq/").content.decode()
    assert '<time datetime="2026-12-06">最近核对：2026年12月6日</time>' in zh
    en = client.get("/en/guidance/faq/").content.decode()
    assert '<time datetime="2026-12-06">Last reviewed 6 December 2026</time>' in en


def test_the_index_says_what_was_checked_and_where_the_date_is(client):
    zh = client.get("/zh-hans/guidance/").content.decode()
    assert "均已对照现行规定核对" not in zh
    assert "核对日期" in zh
    en = client.get("/en/guidance/").content.decode()
    assert "checked against the laws, regulations and standards listed at its end" in en


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
def test_the_consequences_page_has_one_timeline_and_it_is_dated(client, language):
    html = client.get(f"/{language}/guidance/consequences/").content.decode()
    assert html.count('<ol class="timeline"') == 1
    assert "D+g" not in html
    # The example's due date, day 30 and day 90: 10 April, 10 May and 9 July 2026.
    for day in ("2026-04-10", "2026-05-10", "2026-07-09"):
        assert f'<time datetime="{day}">' in html


# --- links to the five topics added with issue 13 ---------------------------

# Where a reader looks for each of them: the article that raises the question.
LINKED_FROM = {
    "credit-cards": ["causes", "consequences", "grace-and-penalty", "negotiation",
                     "repayment-options", "myths", "faq"],
    "court-papers": ["consequences", "rights", "myths", "faq"],
    "debt-relief-agents": ["causes", "negotiation", "repayment-options", "rights", "myths", "faq"],
    "several-debts": ["causes", "negotiation", "checklist", "faq"],
    "credit-report": ["causes", "consequences", "checklist", "rights", "prevention", "faq"],
}


@pytest.mark.parametrize("language", CONTENT_LANGUAGES)
@pytest.mark.parametrize("target", sorted(LINKED_FROM))
def test_each_new_topic_is_linked_where_readers_look_for_it(language, target):
    for slug in LINKED_FROM[target]:
        html = load_article(slug, language).html
        assert re.search(rf'href="\.\./{target}/(#[a-z0-9-]+)?"', html), (slug, target)
