"""Every engine option and recommendation reason has its words."""

import pytest
from django.utils import translation

from calculator.engine.plan import NONE_KEY, OptionKey, RecommendationReason
from calculator.plan.options import OPTION_DESCRIPTIONS, OPTION_LABELS, OPTION_PROPOSALS, REASONS


def test_every_option_has_a_label_a_description_and_a_proposal():
    keys = {key.value for key in OptionKey}
    assert set(OPTION_LABELS) == keys | {NONE_KEY}
    assert set(OPTION_DESCRIPTIONS) == keys
    assert set(OPTION_PROPOSALS) == keys


def test_every_recommendation_reason_has_words():
    assert set(REASONS) == {reason.value for reason in RecommendationReason}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("key", [key.value for key in OptionKey])
def test_proposals_take_their_figures_in_both_languages(language, key):
    with translation.override(language):
        sentence = OPTION_PROPOSALS[key] % {"count": 12, "term": 3, "rate": "12.00"}
    assert "%(" not in sentence and "%%" not in sentence
    if key == "reduced_rate":
        assert "12.00" in sentence
