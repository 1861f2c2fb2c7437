"""Validation messages, one constant each, so tests can import them.

Each says what is wrong and what to type instead. Range messages are always
formatted with their bounds, so a literal percent sign is written ``%%``.
"""

from django.utils.translation import gettext_lazy as _

REQUIRED = _("Enter this figure.")
REQUIRED_TEXT = _("Fill this in.")
AMOUNT_INVALID = _("Enter an amount in yuan using digits, for example 12000, 12,000.50 or 1.2万.")
AMOUNT_DECIMALS = _("Enter at most two decimal places (fen).")
AMOUNT_TOO_SMALL = _("Enter an amount of at least %(minimum)s yuan.")
AMOUNT_TOO_LARGE = _("Enter an amount of no more than %(maximum)s yuan.")
NUMBER_INVALID = _("Enter a number using digits, for example 0.05 or 18.")
WHOLE_NUMBER_INVALID = _("Enter a whole number using digits, for example 6.")
NUMBER_TOO_SMALL = _("Enter a number of at least %(minimum)s.")
NUMBER_TOO_LARGE = _("Enter a number of no more than %(maximum)s.")
DATE_INVALID = _("Enter a date like 2026-03-10, 2026/3/10 or 2026年3月10日.")
DATE_IMPOSSIBLE = _("This date does not exist. Check the day and the month.")
DATE_TOO_EARLY = _("Enter a date on or after %(minimum)s.")
DATE_TOO_LATE = _("Enter a date on or before %(maximum)s.")
CHOICE_INVALID = _("Choose one of the options listed.")

RATE_MISSING = _("Enter the contract interest rate, either per day or per year.")
RATE_BOTH = _("Enter the rate either per day or per year, not both.")
DAILY_RATE_TOO_HIGH = _("A daily rate above 1 %% is not a consumer loan rate. Check the contract: 0.05 means 0.05 %% a day.")
ANNUAL_RATE_TOO_HIGH = _("An annual rate above 360 %% is not a consumer loan rate. Check the contract.")
PENALTY_MULTIPLIER_RANGE = _("Enter a multiplier from 1 to 3. Most contracts use 1.5 (the penalty rate is 1.5 times the contract rate).")
GRACE_DAYS_RANGE = _("Enter a grace period from 0 to 30 days. Enter 0 if the contract has none.")
PERIODS_RANGE = _("Enter from 1 to 360 installments.")
REPAYMENT_DAY_RANGE = _("Enter a day of the month from 1 to 31.")
PAID_PERIODS_TOO_MANY = _("You cannot have paid more installments than the loan has (%(periods)s).")
AS_OF_BEFORE_START = _("The calculation date is before the loan started. Check both dates.")
AS_OF_BEFORE_DUE = _("The calculation date is before the missed due date. Nothing is overdue yet on that day.")
AS_OF_TOO_LATE = _("Enter a calculation date no more than 5 years from today.")
PREPAYMENT_FEE_RANGE = _("Enter a prepayment fee from 0 to 10 percent of the remaining principal.")
TERM_RANGE = _("Enter a term from 1 to 60 months.")
DEFER_MONTHS_RANGE = _("Enter from 1 to 12 months.")
REDUCED_RATE_TOO_HIGH = _("The lower rate to ask for must not be above the contract rate (%(rate)s %% a year).")
EXPENSES_MISMATCH = _("Your expense categories add up to %(total)s, not %(given)s. Correct one of them, or leave this box empty.")
DEBTS_MISMATCH = _("Your listed debts' monthly payments add up to %(total)s, not %(given)s. Correct one of them, or leave this box empty.")
DEBT_ROW_INCOMPLETE = _("Give this debt's creditor and its monthly payment, or clear the row.")
TEXT_TOO_LONG = _("Use at most %(limit_value)d characters (you typed %(show_value)d).")
PHONE_INVALID = _("Enter a phone number using digits, spaces, + or -, for example 138 0013 8000.")
ID_LAST4_INVALID = _("Enter only the last four characters of the ID number: digits, or three digits and X.")
LETTER_AMOUNT_TOO_LARGE = _("This plan's amounts are too large to write out in words (人民币大写) in a letter: more than 9,999,999,999,999.99 yuan. Check the figures in the plan.")
HARDSHIP_DETAIL_NEEDED = _("Say in a few words what happened, so the lender understands.")
