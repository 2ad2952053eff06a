"""Streamlit panels shared by the budget pages: headline cards, the fiscal rules panel, the demonstration banner
and a choice kept in the URL (the drill-down's sector), like the global filters of ui.py."""

from __future__ import annotations

import streamlit as st

from jdp_analytics.app import ui
from jdp_analytics.budget import composition
from jdp_analytics.common import demonstration, presentation
from jdp_analytics.common.i18n import _

BADGES = {composition.MEETS: "green", composition.BREAKS: "red", composition.BREAK: "red",
          composition.NO_FIGURE: "orange", composition.WOULD_MEET: "violet", composition.WOULD_BREAK: "violet"}


def card(item: presentation.Card) -> None:
    """Show a headline figure, marked when it is demonstration data (the budget pages mix real and demo cards)."""
    ui.card(item)


def cards(items: list[presentation.Card], widths: list[int] | None = None) -> None:
    """Show headline cards side by side, each in a bordered box, demonstration figures marked."""
    ui.cards(items, widths)


def demo_banner() -> None:
    """Say, above everything else, that the figures below include generated demonstration data."""
    st.warning(_(composition.DEMO_NOTE), icon=":material/science:")


def fiscal_rules(figures: list[composition.RuleFigure]) -> None:
    """Show each fiscal rule beside its figure: met or broken, the rule's legal source and the figure's source."""
    for column, figure in zip(st.columns(len(figures)), figures):
        rule = figure.rule
        with column.container(border=True, key=f"rule_{rule.threshold_pct:.0f}"):
            st.markdown(_("**{name}.** {rule}").format(name=_(rule.name), rule=_(rule.rule)))
            sentence = figure.sentence.removeprefix(_(demonstration.SENTENCE_MARK) + " ")
            st.markdown(demonstration.mark(f"**{figure.value}** :{BADGES[figure.status]}-badge[{_(figure.status)}] "
                                           f"{sentence}", figure.is_demo))
            st.caption(_("Source: {law}. Figures: {source}").format(law=_(rule.source), source=figure.source))


def url_choice(label: str, options: list[str], key: str, help: str | None = None,
               labels: dict[str, str] | None = None) -> str:
    """Render a selectbox whose choice is kept in the URL (?key=...) so that a link reopens the same view; `labels`
    shows some options in other words (the URL keeps the option itself)."""
    ui.choice_from_url(key, options, options[0])
    shown = {option: (labels or {}).get(option, option) for option in options}
    choice = st.selectbox(label, options, key=key, help=help, format_func=shown.get)
    st.query_params[key] = choice
    return choice

