"""Streamlit panels shared by the pages: headline cards, the fiscal rules panel, the demonstration banner, the block
an empty section shows in place of its figures (`front_door`) and a choice kept in the URL (the drill-down's
sector), like the global filters of ui.py."""

from __future__ import annotations

import streamlit as st

from jdp_analytics.app import auth, downloads, ui
from jdp_analytics.budget import composition
from jdp_analytics.common import demonstration, exports, formatting, presentation
from jdp_analytics.common.i18n import _
from jdp_analytics.common.inert import markdown_frame
from jdp_analytics.common.inert import markdown_text as md
from jdp_analytics.oversight import views as oversight
from jdp_analytics.warehouse import coverage, loader

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
                                           f"{md(sentence)}", figure.is_demo))
            st.caption(_("Source: {law}. Figures: {source}").format(law=_(rule.source), source=md(figure.source)))


def url_choice(label: str, options: list[str], key: str, help: str | None = None,
               labels: dict[str, str] | None = None) -> str:
    """Render a selectbox whose choice is kept in the URL (?key=...) so that a link reopens the same view; `labels`
    shows some options in other words (the URL keeps the option itself)."""
    ui.choice_from_url(key, options, options[0])
    shown = {option: (labels or {}).get(option, option) for option in options}
    choice = st.selectbox(label, options, key=key, help=help, format_func=shown.get)
    st.query_params[key] = choice
    return choice



def front_door(tables: tuple[str, ...], what: str, filters: ui.Filters, key: str) -> None:
    """Show, in place of a section (or a whole page) with no real figures for the county and year, one block: what it
    would show, who holds such figures, each kind's template with the Upload page (an editor) or who can load them
    (a viewer), and a button that turns the demonstration on where generated rows exist for the county."""
    rows = ui.coverage()
    where = _("{county}, {year}").format(county=filters.county_name, year=formatting.fy(filters.fiscal_year))
    editor = auth.may(ui.current_user().role, auth.EDITOR)
    with st.container(border=True, key=f"front_door_{key}"):
        st.markdown(_("**No real figures yet for {where}.** {what}").format(where=where, what=what))
        for table in tables:
            dataset = coverage.DATASETS[table]
            st.markdown(_("**{dataset}**: {holder}").format(dataset=formatting.sentence_case(_(dataset.label)),
                                                             holder=_(dataset.holder)))
            if not dataset.kinds:
                continue
            kind = dataset.kinds[0]
            left, right = st.columns([1, 2], vertical_alignment="center")
            left.download_button(_("Template (CSV)"), exports.to_csv(loader.template(kind),
                                                                     "JDP Analytics upload template"),
                                 file_name=f"template_{kind}.csv", mime="text/csv", on_click="ignore",
                                 key=f"front_door_{key}_{kind}", icon=":material/download:")
            if editor:
                right.page_link("pages/upload.py", label=_("Load it on Upload data: {kind}").format(
                    kind=_(loader.KINDS[kind].label)), icon=":material/upload_file:", query_params={"kind": kind})
            else:
                right.caption(_("An editor loads it on Upload data (“{kind}”): the county's M&E officer or the "
                                "programme's data team, signed in.").format(kind=_(loader.KINDS[kind].label)))
        if ui.include_demo():
            st.caption(_("No demonstration figures exist for this selection either: they are generated for the "
                         "eight target counties only."))
        elif coverage.has_demonstration(rows, tables, filters.county_code):
            st.button(_("Show the demonstration"), key=f"front_door_{key}_demo", on_click=ui.show_demo,
                      icon=":material/science:",
                      help=_("Turns on Demonstration data in the sidebar: generated figures, marked wherever they are "
                             "read, never a county's record."))


def holdings(filters: ui.Filters) -> None:
    """Show, per outcome area, what the warehouse holds for the county (or any county): real figures with their
    latest as-of date, a demonstration only, or nothing yet, so a presenter knows before opening a page what will be
    empty."""
    st.markdown(_("**What the warehouse holds for {county}**").format(county=filters.county_name))
    st.table(markdown_frame(coverage.by_area(ui.coverage(), filters.county_code).set_index(_("Outcome area"))))


def as_reported(topic: str, code: str | None, name: str) -> None:
    """One topic of what the press reported (oversight.views): its subheader, the "as reported" table with quotes,
    outlets and dates, or the sentence that it was not found in public reporting, and the note on what it is."""
    st.subheader(oversight.title(topic))
    reported = ui.query("reported_statements")
    if (statements := oversight.reported_table(reported, topic, code)) is None:
        st.markdown(md(oversight.not_found(reported, topic, name)))
    else:
        downloads.table(statements, f"reported_{topic}", sheet=_("as reported"))
    st.caption(oversight.note(topic))
