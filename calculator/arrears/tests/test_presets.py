"""Lender presets are data: each with its terms, source and the date it was checked."""

from calculator.arrears.forms import LoanForm
from calculator.arrears.presets import BY_KEY, DEFAULT_PRESET, PRESETS, apply_preset, preset_choices


def test_custom_is_the_default_and_fills_nothing():
    assert DEFAULT_PRESET == "custom"
    assert BY_KEY["custom"].terms == {}
    assert apply_preset({"principal": "10000"}, "custom") == {"principal": "10000"}


def test_every_lender_preset_says_where_its_terms_come_from():
    for preset in PRESETS:
        assert str(preset.label)
        if preset.key == "custom":
            continue
        assert preset.terms, preset.key
        assert str(preset.source), preset.key
        assert preset.checked is not None, preset.key
        assert str(preset.note), preset.key


def test_no_preset_names_a_lender():
    # The historical Xiaomi terms predate 重庆小米消费金融有限公司 (approved 2020-01-17,
    # facts.md): the lender is whoever the user's own contract names, typed in the letter.
    assert all(not hasattr(preset, "lender_name") for preset in PRESETS)


def test_preset_terms_are_loan_form_parameters_as_typed_text():
    for preset in PRESETS:
        for name, value in preset.terms.items():
            assert name in LoanForm.base_fields, (preset.key, name)
            assert isinstance(value, str)


def test_xiaomi_terms_are_the_specs():
    # calculations.md, "Public URLs": preset=xiaomi.
    assert BY_KEY["xiaomi"].terms == {
        "daily_rate": "0.05",
        "penalty_multiplier": "1.5",
        "grace_days": "3",
        "periods": "6",
        "repayment_day": "10",
        "method": "interest_only",
        "prepayment_fee": "0",
    }


def test_preset_keys_are_unique_and_offered_as_choices():
    keys = [preset.key for preset in PRESETS]
    assert len(keys) == len(set(keys))
    assert [key for key, _label in preset_choices()] == keys


def test_apply_preset_fills_only_what_was_not_given():
    merged = apply_preset({"grace_days": "0", "periods": "", "principal": "1万"}, "xiaomi")
    assert merged["grace_days"] == "0"  # given: wins, even as 0
    assert merged["periods"] == "6"  # empty: not given
    assert merged["principal"] == "1万"
    assert merged["daily_rate"] == "0.05"


def test_apply_preset_keeps_a_rate_given_in_the_other_form():
    merged = apply_preset({"annual_rate": "12"}, "xiaomi")
    assert merged["annual_rate"] == "12"
    assert "daily_rate" not in merged


def test_apply_preset_leaves_its_input_alone_and_ignores_unknown_presets():
    params = {"principal": "10000"}
    apply_preset(params, "xiaomi")
    assert params == {"principal": "10000"}
    assert apply_preset(params, "bogus") == params
    assert apply_preset(params, "bogus") is not params
