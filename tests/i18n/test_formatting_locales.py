"""Figures in both languages: Babel's CLDR locales (en_KE, sw_KE) write the numbers and dates, the catalog the words."""

from datetime import date

import pandas as pd
from babel.numbers import format_compact_decimal

from jdp_analytics.common import formatting, i18n


def test_amounts_read_kes_bn_in_english_and_kes_bilioni_in_kiswahili():
    with i18n.use("en"):
        assert formatting.kes(4_391_400_000) == "KES 4.39 bn"
        assert formatting.kes(439_100_000) == "KES 439.1 m"
        assert formatting.kes_exact(4_391_400_000) == "KES 4,391,400,000"
    with i18n.use("sw"):
        assert formatting.kes(4_391_400_000) == "KES bilioni 4.39"
        assert formatting.kes(439_100_000) == "KES milioni 439.1"
        assert formatting.kes_exact(4_391_400_000) == "KES 4,391,400,000"


def test_the_kiswahili_words_for_billion_and_million_are_cldrs():
    with i18n.use("sw"):
        assert formatting.kes(4_391_400_000) == "KES " + format_compact_decimal(
            4_391_400_000, format_type="long", fraction_digits=2, locale="sw_KE")


def test_fiscal_years_run_july_to_june_with_month_names_in_each_language():
    with i18n.use("en"):
        assert formatting.fiscal_year_label("2023/24") == "FY 2023/24 (July 2023 – June 2024)"
        assert formatting.fy("2023/24") == "FY 2023/24"
    with i18n.use("sw"):
        assert formatting.fiscal_year_label("2023/24") == "Mwaka wa fedha 2023/24 (Julai 2023 – Juni 2024)"
        assert formatting.fy("2023/24") == "mwaka wa fedha 2023/24"  # in a sentence; labels capitalise it


def test_dates_numbers_and_percentages_in_both_locales():
    for lang in ("en", "sw"):
        with i18n.use(lang):
            assert formatting.as_of(date(2024, 6, 30)) == "30 Jun 2024"
            assert formatting.as_of(pd.Timestamp("2024-03-05")) == ("5 Mar 2024" if lang == "en" else "5 Mac 2024")
            assert formatting.number(47_564_296) == "47,564,296"
            assert formatting.pct(66.66) == "66.7 %"
    with i18n.use("sw"):
        assert formatting.points(6.8) == "pointi za asilimia +6.8"
        assert formatting.points(-1.1) == "pointi za asilimia -1.1"
    with i18n.use("en"):
        assert formatting.points(6.8) == "+6.8 pp"


def test_a_results_quarter_reads_in_the_pages_language():
    with i18n.use("en"):
        assert formatting.quarter("2026Q3") == "2026Q3"
    with i18n.use("sw"):
        assert formatting.quarter("2026Q3") == "Robo ya 3, 2026"
        assert formatting.quarter("2024") == "2024"  # a year (an SDG period) is not a quarter


def test_a_missing_figure_is_a_dash_in_either_language():
    for lang in ("en", "sw"):
        with i18n.use(lang):
            assert formatting.kes(None) == formatting.pct(float("nan")) == formatting.as_of(None) == "–"


def test_the_language_of_a_block_does_not_outlive_it():
    with i18n.use("sw"):
        assert i18n.language() == "sw"
    assert i18n.language() == "en"
    assert i18n.normalise("SW-ke") == "sw" and i18n.normalise("fr") == "en" and i18n.normalise(None) == "en"
