"""The offer page (/calculator/offer/): calculations.md's check figures through the
public URL, what lenders write, every refusal beside its field, and the reply.

Figures are read from the ``data-figure``/``data-value`` markers; the expected
values are the spec's, worked out in the engine tests' comments. Today is
2026-05-20 (``clock.today`` is replaced).
"""

import pytest
from django.utils import translation

from calculator import clock
from calculator.inputs import messages
from calculator.tests._pages import LANGUAGES, TODAY, error_links, figures, texts, tree

URL = "/{language}/calculator/offer/"
# calculations.md, "The lender's offer", the first check, as the form sends it.
SPEC_FEE = {"owed": "12000", "offer_periods": "12", "offer_payment": "", "offer_fee_rate": "0.6",
            "offer_down_payment": "", "available": "1000", "as_of": "2026-05-20"}
# The second check.
SPEC_PAYMENT = {"owed": "12000", "offer_periods": "24", "offer_payment": "600",
                "offer_fee_rate": "", "offer_down_payment": "1200", "available": "",
                "as_of": "2026-05-20"}


@pytest.fixture(autouse=True)
def today_is_may_20(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def get(client, params=None, language="zh-hans"):
    return client.get(URL.format(language=language), params or {})


def in_language(language: str, message, **params) -> str:
    """The message as the page shows it: formatted only if it has placeholders."""
    with translation.override(language):
        text = str(message)
    return text % params if "%(" in text else text


def input_value(response, name: str) -> str | None:
    values = tree(response).xpath(f'//input[@name="{name}"]/@value')
    return values[0] if values else None


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_parameters_the_page_shows_the_form(client, language):
    response = get(client, language=language)
    assert response.status_code == 200
    page = tree(response)
    assert page.xpath('//form[contains(@class, "calculator-form")][@method="get"]')
    assert not page.xpath('//*[@id="error-summary"]')
    assert figures(response) == {}
    assert input_value(response, "as_of") == "2026-05-20"
    # Exactly the spec's parameter names, and nothing the user did not type.
    names = set(page.xpath('//form[contains(@class, "calculator-form")]//input/@name'))
    assert names - {"submit"} == {"owed", "as_of", "offer_periods", "offer_payment",
                                  "offer_fee_rate", "offer_down_payment", "available"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_spec_fee_offer_shows_every_figure(client, language):
    response = get(client, SPEC_FEE, language)
    assert response.status_code == 200
    shown = figures(response)
    assert {name: shown[name] for name in (
        "offer_total", "offer_cost", "offer_apr", "offer_effective_rate",
        "offer_largest_payment", "offer_affordable", "offer_shortfall")} == {
        "offer_total": "12864.00",  # 12 × (1 000 + 72)
        "offer_cost": "864.00",
        "offer_apr": "13.03",
        "offer_effective_rate": "13.84",
        "offer_largest_payment": "1072.00",
        "offer_affordable": "no",
        "offer_shortfall": "72.00",  # 1 072 − 1 000
    }
    # The schedule: 12 payments of 1 072.00, a month apart from 2026-06-20.
    assert [shown[f"offer_payment_{k}"] for k in range(1, 13)] == ["1072.00"] * 12
    assert shown["offer_date_1"] == "2026-06-20"
    assert shown["offer_date_12"] == "2027-05-20"
    assert "offer_payment_13" not in shown
    # The counter-offer: 13 months at the same fee, 995.08 at most, 12 936.00 in all.
    assert (shown["offer_counter_monthly"], shown["offer_counter_term"],
            shown["offer_counter_payment"], shown["offer_counter_total"]) == (
        "1000.00", "13", "995.08", "12936.00")
    # Below 24 %: no court note; the form shows again, filled in.
    assert "法发〔2017〕22号" not in " ".join(texts(response, '//*[contains(@class, "note--court")]'))
    assert input_value(response, "offer_fee_rate") == "0.6"


def test_the_fee_is_compared_with_what_it_looks_like_a_year(client):
    response = get(client, SPEC_FEE, "en")
    headline = " ".join(texts(response, '//*[contains(@class, "headline")]'))
    assert "A monthly fee of 0.6 % looks like 7.20 % a year (0.6 × 12)." in headline


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_spec_payment_offer_with_a_down_payment(client, language):
    response = get(client, SPEC_PAYMENT, language)
    shown = figures(response)
    assert {name: shown[name] for name in (
        "offer_total", "offer_cost", "offer_apr", "offer_effective_rate", "offer_financed",
        "offer_down_payment", "offer_down_payment_date")} == {
        "offer_total": "15600.00",  # 1 200 + 24 × 600
        "offer_cost": "3600.00",
        "offer_apr": "29.30",
        "offer_effective_rate": "33.58",
        "offer_financed": "10800.00",
        "offer_down_payment": "1200.00",
        "offer_down_payment_date": "2026-05-20",
    }
    # No budget given: nothing judged, no shortfall, no counter-offer.
    assert "offer_affordable" not in shown
    assert "offer_shortfall" not in shown
    assert "offer_counter_term" not in shown
    # Above 24 % a year: the courts' note, with its source.
    court = texts(response, '//*[contains(@class, "note--court")]')
    assert len(court) == 1 and "法发〔2017〕22号" in court[0] and "29.30" in court[0]


def test_what_lenders_write_gives_the_same_figures(client):
    typed = {**SPEC_FEE, "owed": "1.2万", "offer_periods": "１２", "offer_fee_rate": "月费率0.6%",
             "available": "１，０００"}
    assert figures(get(client, typed)) == figures(get(client, SPEC_FEE))


def test_a_down_payment_as_a_share_of_the_debt(client):
    # 首付10% of 12 000 = 1 200: the spec's second check again.
    shown = figures(get(client, {**SPEC_PAYMENT, "offer_down_payment": "首付10%"}))
    assert (shown["offer_down_payment"], shown["offer_apr"]) == ("1200.00", "29.30")


def test_a_discount_says_so_plainly(client):
    response = get(client, {**SPEC_PAYMENT, "offer_payment": "400", "offer_down_payment": "0"},
                   "en")
    # 24 × 400 = 9 600 for a debt of 12 000: 2 400 less; the rate is marked 0.00.
    shown = figures(response)
    assert (shown["offer_total"], shown["offer_cost"], shown["offer_apr"]) == (
        "9600.00", "-2400.00", "0.00")
    headline = " ".join(texts(response, '//*[contains(@class, "headline")]'))
    assert "This offer asks for less than you owe: ¥2,400.00 would be waived." in headline


def test_an_offer_that_fits_says_accept_in_writing(client):
    response = get(client, {**SPEC_FEE, "available": "1072"}, "en")
    shown = figures(response)
    assert shown["offer_affordable"] == "yes"
    assert "offer_shortfall" not in shown and "offer_counter_term" not in shown
    verdict = texts(response, '//*[contains(@class, "answer__verdict")]')
    assert verdict == ["It fits your budget. You can accept it, once you have it in writing."]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"offer_fee_rate": ""}, "offer_payment", messages.OFFER_TERMS_MISSING),
        ({"offer_payment": "600"}, "offer_fee_rate", messages.OFFER_TERMS_BOTH),
        ({"offer_periods": "0"}, "offer_periods", messages.OFFER_PERIODS_RANGE),
        ({"offer_fee_rate": "-0.6"}, "offer_fee_rate", messages.FEE_RATE_NEGATIVE),
        ({"offer_down_payment": "12000"}, "offer_down_payment", messages.DOWN_PAYMENT_TOO_LARGE),
        ({"owed": "lots"}, "owed", messages.AMOUNT_INVALID),
    ],
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_bad_input_gets_a_message_beside_the_field(client, language, params, field, message):
    response = get(client, {**SPEC_FEE, **params}, language)
    assert response.status_code == 200
    assert figures(response) == {}
    expected = in_language(language, message, owed="12000.00", maximum="10")
    assert texts(response, f'//*[@id="id_{field}_error"]') == [expected]
    assert tree(response).xpath(f'//input[@id="id_{field}"]/@aria-invalid') == ["true"]
    assert error_links(response) == [f"#id_{field}"]


def test_typed_markup_is_shown_as_text(client):
    response = get(client, {**SPEC_FEE, "owed": '<script>alert(1)</script>"'})
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert input_value(response, "owed") == '<script>alert(1)</script>"'


def test_the_chinese_reply_is_given_on_every_page_and_the_english_on_english_pages(client):
    zh = tree(get(client, SPEC_FEE, "zh-hans"))
    en = tree(get(client, SPEC_FEE, "en"))
    for page in (zh, en):
        reply = page.xpath('//blockquote[@id="reply-text"]')
        assert len(reply) == 1 and reply[0].get("lang") == "zh-Hans"
        assert "每期不超过995.08元" in reply[0].text_content()
    assert not zh.xpath('//blockquote[@lang="en"]')
    english = en.xpath('//blockquote[@lang="en"]')
    assert len(english) == 1 and "no more than ¥995.08 a month" in english[0].text_content()


def test_the_result_links_to_a_contact_log_for_this_debt(client):
    links = tree(get(client, SPEC_FEE, "en")).xpath('//a[contains(@href, "/contact-log/")]/@href')
    assert links == ["/en/calculator/contact-log/?owed=12000.00"]


def test_only_get_and_head(client):
    assert client.post(URL.format(language="en"), SPEC_FEE).status_code == 405
    assert client.head(URL.format(language="en"), SPEC_FEE).status_code == 200


def test_the_page_is_marked_in_the_navigation_and_sends_no_referrer(client):
    response = get(client, SPEC_FEE, "en")
    assert texts(response, '//nav[contains(@class, "site-nav")]//a[@aria-current="page"]') == [
        "Repayment plan"]
    assert response["Referrer-Policy"] == "same-origin"


def test_an_absurd_payment_is_refused_beside_the_field_not_a_server_error(client):
    # 1 亿 a month on a debt of 0.01 would be a rate past anything a page can show:
    # the cap is the largest payment a 10 % monthly fee would ask, here 0.01.
    response = get(client, {**SPEC_FEE, "owed": "0.01", "offer_fee_rate": "",
                            "offer_payment": "100000000"}, "en")
    assert response.status_code == 200
    assert figures(response) == {}
    assert texts(response, '//*[@id="id_offer_payment_error"]') == [
        "More than 0.01 yuan a month would cost over 10 % a month on this debt, which is not a "
        "repayment offer. Check the figure: it is the payment each month, not the total."]


@pytest.mark.parametrize(("language", "columns", "down"), [
    ("zh-hans", ["期次", "日期", "还款金额", "其中本金", "其中手续费"], "首付"),
    ("en", ["No.", "Date", "Payment", "Of which principal", "Of which fee"], "Down payment"),
])
def test_the_schedule_shows_the_down_payment_then_each_payment_split(client, language, columns,
                                                                        down):
    # 10 000 owed, 100 down: F = 9 900 over 7 months at 0.5 %. round(9 900 / 7) = 1 414.29,
    # the last part 9 900 − 6 × 1 414.29 = 1 414.26; the fee round(9 900 × 0.5 %) = 49.50.
    response = get(client, {**SPEC_FEE, "owed": "10000", "offer_down_payment": "100",
                            "offer_periods": "7", "offer_fee_rate": "0.5"}, language)
    page = tree(response)
    assert texts(response, '//table[contains(@class, "offer-schedule")]//thead//th') == columns
    rows = page.xpath('//table[contains(@class, "offer-schedule")]/tbody/tr')
    assert len(rows) == 8  # the down payment and 7 payments
    table = [[" ".join(cell.text_content().split()) for cell in row] for row in rows]
    assert table[0][0] == down and table[0][2:] == ["¥100.00", "–", "–"]
    assert table[1][0] == "1" and table[1][2:] == ["¥1,463.79", "¥1,414.29", "¥49.50"]
    assert table[7][0] == "7" and table[7][2:] == ["¥1,463.76", "¥1,414.26", "¥49.50"]
    # Each cell is named by its column for the phone layout.
    assert [cell.get("data-label") for cell in rows[1]] == columns
    shown = figures(response)
    assert (shown["offer_date_1"], shown["offer_payment_7"]) == ("2026-06-20", "1463.76")


def test_a_payment_offer_schedule_has_no_parts(client):
    response = get(client, SPEC_PAYMENT, "en")
    assert texts(response, '//table[contains(@class, "offer-schedule")]//thead//th') == [
        "No.", "Date", "Payment"]
    first = texts(response, '//table[contains(@class, "offer-schedule")]/tbody/tr[2]/*')
    assert first == ["1", "20 June 2026", "¥600.00"]


def figures_table(response) -> list[list[str]]:
    rows = tree(response).xpath('//table[@class="table breakdown"]/tbody/tr')
    return [[" ".join(cell.text_content().split()) for cell in row] for row in rows]


def test_the_offer_in_figures_with_a_down_payment(client):
    # The spec's second check: 1 200 down on 12 000, then 24 × 600 from 2026-06-20.
    assert figures_table(get(client, SPEC_PAYMENT, "en")) == [
        ["Amount owed", "¥12,000.00"],
        ["Down payment (首付), on 20 May 2026", "¥1,200.00"],
        ["Left to pay in installments", "¥10,800.00"],
        ["Monthly payments", "24, from 20 June 2026 to 20 May 2028"],
        ["Total you would pay", "¥15,600.00"],  # 1 200 + 24 × 600
        ["Cost above what you owe", "¥3,600.00"],
    ]


def test_the_offer_in_figures_of_one_payment_for_less_than_is_owed(client):
    # One payment of 11 000 on 12 000 owed: 1 000 less, so the cost line says below 0.
    response = get(client, {**SPEC_PAYMENT, "offer_periods": "1", "offer_payment": "11000",
                            "offer_down_payment": ""}, "zh-hans")
    assert figures_table(response) == [
        ["欠款金额", "¥12,000.00"],
        ["分期还款", "共1期，2026年6月20日"],
        ["总共要还", "¥11,000.00"],
        ["比欠款多还的钱（小于0表示比欠款少）", "−¥1,000.00"],
    ]


def fit_table(response) -> list[tuple[str | None, list[str]]]:
    rows = tree(response).xpath('//table[contains(@class, "fit")]/tbody/tr')
    return [(row.get("class"), [" ".join(cell.text_content().split()) for cell in row])
            for row in rows]


def test_the_fit_table_says_whether_the_largest_payment_fits(client):
    # The spec's first check: 1 072 a month against 1 000 available, 72 short.
    assert fit_table(get(client, SPEC_FEE, "en")) == [
        (None, ["Largest monthly payment", "¥1,072.00"]),
        (None, ["Money you can pay each month for this debt", "¥1,000.00"]),
        ("breakdown__total fit--no", ["Does it fit?", "No"]),
        (None, ["Short each month", "¥72.00"]),
    ]
    assert fit_table(get(client, {**SPEC_FEE, "available": "1072"}, "zh-hans"))[1:] == [
        (None, ["每月能用于这笔欠款的钱", "¥1,072.00"]),
        ("breakdown__total fit--yes", ["还得上吗？", "还得上"]),
    ]
    # Without the money available only the largest payment is shown.
    assert fit_table(get(client, {**SPEC_FEE, "available": ""}, "en")) == [
        (None, ["Largest monthly payment", "¥1,072.00"])]
