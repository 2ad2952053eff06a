"""What a wrapping table (st.table) shows: amounts and shares stay whole on one line, long names may wrap."""

from __future__ import annotations

import pandas as pd

from jdp_analytics.app.downloads import breakable
from jdp_analytics.common import formatting


def test_an_amount_or_a_share_never_wraps_inside_but_a_long_file_name_may():
    frame = pd.DataFrame({"Expenditure": [formatting.kes(973_100_000), formatting.kes(4_390_000_000), "–"],
                          "Share": [formatting.pct(66.7), formatting.points(-6.8), formatting.pct(None)],
                          "Evidence": ["O1.1.a_002_2026Q3.pdf", "County M&E reports reviewed by the PIU", None]})
    shown = breakable(frame)
    assert shown["Expenditure"].tolist() == ["KES\u00a0973.1\u00a0m", "KES\u00a04.39\u00a0bn", "–"]
    assert shown["Share"].tolist() == ["66.7\u00a0%", "-6.8\u00a0pp", "–"]
    assert shown.loc[0, "Evidence"] == "O1.\u200b1.\u200ba_\u200b002_\u200b2026Q3.\u200bpdf"
    assert shown.loc[1, "Evidence"] == "County M&E reports reviewed by the PIU"  # words wrap at their spaces
    assert pd.isna(shown.loc[2, "Evidence"])


def test_a_sentence_keeps_its_spaces_between_words_and_only_joins_each_figure_to_its_unit():
    shown = breakable(pd.DataFrame({"Note": ["Spent KES 12,345 of KES 1.2 m, 3 of 4 forums (75.0 %)"]}))
    assert shown.loc[0, "Note"] == "Spent KES\u00a012,345 of KES\u00a01.2\u00a0m, 3 of 4 forums (75.0\u00a0%)"


def test_in_kiswahili_the_number_stays_with_its_unit_word_and_kes_may_wrap_before_them():
    shown = breakable(pd.DataFrame({"KES zilizotengwa": ["KES milioni 93.5", "KES bilioni 1.05", "KES 500,000"]}))
    assert shown["KES zilizotengwa"].tolist() == ["KES milioni\u00a093.5", "KES bilioni\u00a01.05", "KES\u00a0500,000"]
