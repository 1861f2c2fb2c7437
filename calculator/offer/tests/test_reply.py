"""The reply to the lender: in Chinese for the lender, in English for the reader.

Each reply is checked word for word for one offer of each kind of answer: the
figures come from the engine, the words from the catalog, and the reply always
asks for the agreement in writing.
"""

from datetime import date
from decimal import Decimal

from calculator.engine.offer import Offer, check_offer
from calculator.offer.reply import reply_to_lender

AS_OF = date(2026, 5, 20)
# calculations.md's first check: 12 000 over 12 months at a fee of 0.6 % a month.
SPEC_FEE = Offer(owed=Decimal("12000"), as_of=AS_OF, periods=12, fee_rate_percent=Decimal("0.6"))
# The second: 1 200 down, then 24 × 600.
SPEC_PAYMENT = Offer(owed=Decimal("12000"), as_of=AS_OF, periods=24, payment=Decimal("600"),
                     down_payment=Decimal("1200"))


def reply(offer: Offer, available: str | None, language: str = "zh-hans") -> str:
    money = Decimal(available) if available is not None else None
    return reply_to_lender(check_offer(offer=offer, available=money), language=language)


def test_accepting_an_offer_that_fits_asks_for_it_in_writing():
    # 1 072 a month with 1 072 available: it fits; 12 × 1 072 = 12 864.
    assert reply(SPEC_FEE, "1072") == (
        "您好！贵司提出的还款方案（分12期，每期1,072.00元，共计12,864.00元），我同意。"
        "请把这个方案以书面形式发给我（APP内的协议、短信或盖章的协议都可以），"
        "写明每期的还款金额和日期，并写明我按方案还款期间停止催收。"
        "收到书面方案后，我会按时还款。"
    )


def test_the_same_reply_in_english_for_the_reader():
    assert reply(SPEC_FEE, "1072", language="en") == (
        "Hello. I accept the repayment plan you offered: 12 monthly payments of ¥1,072.00, "
        "¥12,864.00 in all. Please send it to me in writing (an agreement in the app, a text "
        "message or a stamped agreement), stating the amount and date of each payment, and "
        "that collection stops while I keep to it. Once I have it in writing, I will pay on time."
    )


def test_a_counter_offer_at_the_same_fee():
    # 1 072 > 1 000: 13 months at 0.6 % give at most 995.08 (engine test: 923.08 + 72).
    assert reply(SPEC_FEE, "1000") == (
        "您好！感谢贵司提出的还款方案：分12期，每期1,072.00元。"
        "按我目前的收入，每月最多只能还1,000.00元，每期1,072.00元我还不上。"
        "我申请按同样的月费率0.6%，分13期还款，每期不超过995.08元。"
        "如果贵司同意，请把新的方案以书面形式发给我（APP内的协议、短信或盖章的协议都可以），"
        "写明每期的还款金额和日期，并写明我按方案还款期间停止催收。"
    )


def test_a_counter_offer_to_fixed_payments_keeps_the_annual_rate_and_names_the_down_payment():
    # 32 months at the offer's 29.30 % give 490.28 a month (engine test).
    text = reply(SPEC_PAYMENT, "500")
    assert text.startswith("您好！感谢贵司提出的还款方案：首付1,200.00元，其余分24期，每期600.00元。")
    assert "我申请按同样的年化利率29.30%，分32期还款，每期不超过490.28元。" in text
    english = reply(SPEC_PAYMENT, "500", language="en")
    assert "a down payment of ¥1,200.00, then 24 monthly payments of ¥600.00" in english
    assert ("I ask to repay over 32 months at the same annual rate of 29.30 %, no more than "
            "¥490.28 a month.") in english


def test_accepting_a_discount_asks_for_the_rest_to_be_waived_in_writing():
    # 10 × 1 000 for 12 000: 2 000 would be waived; ask for a settlement certificate.
    offer = Offer(owed=Decimal("12000"), as_of=AS_OF, periods=10, payment=Decimal("1000"))
    text = reply(offer, "1000")
    assert "其余的2,000.00元予以减免，这笔欠款即告结清，并为我出具结清证明。" in text
    assert "书面" in text


def test_when_no_term_fits_offer_what_is_available_and_ask_for_less_fee():
    text = reply(SPEC_FEE, "70")
    assert "每月最多只能还70.00元，每期1,072.00元我还不上。" in text
    assert "我申请每月还款70.00元，并请求减免或暂停收取手续费、利息和罚息" in text


def test_with_nothing_available_ask_for_a_pause_and_promise_no_amount():
    text = reply(SPEC_FEE, "0")
    assert "请求贵司暂停催收，暂停计收利息和罚息" in text
    assert "0.00元" not in text  # no payment is promised
    assert text.endswith("请把贵司的答复以书面形式发给我。")


def test_without_a_budget_ask_for_the_offer_and_its_annual_rate_in_writing():
    text = reply(SPEC_FEE, None)
    assert text == (
        "您好！对贵司提出的还款方案（分12期，每期1,072.00元），我答复之前，请先把方案以书面形式"
        "发给我（APP内的协议、短信或盖章的协议都可以），写明每期的还款金额和日期、还款总额，"
        "以及按中国人民银行公告〔2021〕第3号应当明示的年化利率。"
    )


def test_a_different_last_payment_is_named():
    # F = 10 000.10 over 4 at 0.5 %: 2 550.03 three times, then 2 550.01 (engine test).
    offer = Offer(owed=Decimal("10000.10"), as_of=AS_OF, periods=4, fee_rate_percent=Decimal("0.5"))
    assert "分4期，每期2,550.03元，最后一期2,550.01元" in reply(offer, None)
    assert "4 monthly payments of ¥2,550.03, the last ¥2,550.01" in reply(offer, None, language="en")


def test_one_payment_is_said_as_one():
    offer = Offer(owed=Decimal("5000"), as_of=AS_OF, periods=1, fee_rate_percent=Decimal("1"))
    assert "一个月后一次还款5,050.00元" in reply(offer, None)
    assert "one payment of ¥5,050.00 a month from now" in reply(offer, None, language="en")


def test_a_fee_is_quoted_as_the_lender_wrote_it():
    # Typed as 0.60: the reply says 0.6 %, not 0.60 %.
    offer = Offer(owed=Decimal("12000"), as_of=AS_OF, periods=12, fee_rate_percent=Decimal("0.60"))
    assert "同样的月费率0.6%，" in reply(offer, "1000")
