"""View models of what the press reported (sql/reported_statements.sql): one "as reported" table per topic, the
quoted sentence, the outlet and its date beside each statement, and the words a county or year the press did not
name reads instead. No share, rank or total is ever computed from these rows."""

from __future__ import annotations

import pandas as pd

from jdp_analytics.common import formatting
from jdp_analytics.common.i18n import N_, _
from jdp_analytics.common.presentation import ExportTable, file_stem
from jdp_analytics.geography.counties import COUNTIES
from jdp_analytics.oversight.tables import TOPICS

AUDIT_OPINION, PENDING_BILLS, BUDGET_APPROVAL = TOPICS  # what pages ask for by name

STEMS = {"audit_opinion": N_("audit-opinions"), "pending_bills": N_("pending-bills"),
         "budget_approval": N_("budget-approval")}  # in the names of the files a table downloads as
TITLES = {"audit_opinion": N_("Audit opinions on the county government, as reported"),
          "pending_bills": N_("Pending bills, as reported"),
          "budget_approval": N_("Budgets not approved after 1 July, as reported")}
NOTES = {"audit_opinion": N_("The Auditor-General's opinions as news reports quoted them (partial, second-hand): a "
                             "year without a row was not found in public reporting, which says nothing of the "
                             "accounts. No share of counties is computed from them."),
         "pending_bills": N_("Stocks of pending bills as news reports quoted the Controller of Budget, with the "
                             "article's rounding: context only, never a county series."),
         "budget_approval": N_("The Controller of Budget's statements as the press reported them, some weeks into "
                               "the fiscal year (PFM Act 2012 s.131: the assembly approves the budget by 30 June); "
                               "not the dates the assemblies passed their Appropriation Acts.")}
WORDS = {  # what was reported, in a reader's words (the file's own code stays in the export)
    "unqualified": N_("unqualified (clean)"), "qualified": N_("qualified"), "adverse": N_("adverse"),
    "disclaimer": N_("disclaimer of opinion"),
    "approved_by_assembly_but_stalled_at_cob": N_("approved by the assembly, held at the Controller of Budget"),
    "approved_by_cob": N_("approved by the Controller of Budget"), "cleared_by_cob": N_("cleared by the Controller "
                                                                                        "of Budget"),
    "budget_not_submitted_by_deadline": N_("not submitted by the deadline"),
    "budget_not_submitted_to_cob": N_("not submitted to the Controller of Budget"),
    "named_among_26_not_approved": N_("named among 26 budgets not approved"),
    "no_approved_budget": N_("no approved budget"),
    "referred_to_cob_legal_department": N_("referred to the Controller of Budget's legal department"),
    "submitted_under_cob_review": N_("submitted, under the Controller of Budget's review"),
    "county_executive": N_("county executive"), "county_assembly": N_("county assembly"),
}


def title(topic: str) -> str:
    """A topic's heading, in the current language."""
    return _(TITLES[topic])


def note(topic: str) -> str:
    """What a topic's statements are and are not, in the current language."""
    return _(NOTES[topic])


def words(value) -> str:
    return _(WORDS[value]) if isinstance(value, str) and value in WORDS else (value or "–")


def reported_table(rows: pd.DataFrame, topic: str, county_code: str | None) -> ExportTable | None:
    """Return a topic's statements for a county (or every county), newest period first, as read: period, what was
    reported, the quoted sentence, the outlet, its date; None when the press named none."""
    picked = rows[(rows["topic"] == topic) & ((rows["county_code"] == county_code) if county_code else True)]
    if picked.empty:
        return None
    # newest first: by the period where it is a fiscal year, else by the article's date
    picked = picked.assign(order=picked["period"].where(picked["topic"] != "pending_bills",
                                                        picked["published_date"].astype("string"))).sort_values(
        ["order", "county_code"], ascending=[False, True], na_position="last").drop(columns="order")
    shown = pd.DataFrame({
        **({} if county_code else {_("County"): picked["county_code"].map(COUNTIES)}),
        _("Period"): picked["period"],
        _("Reported"): [f"{words(r)} ({words(s)})" if topic == "audit_opinion" else words(r)
                        for r, s in zip(picked["reported"], picked["subject"])],
        _("As quoted"): picked["quote"].fillna("–"),
        _("Outlet"): picked["outlet"],
        _("Published"): [formatting.as_of(d) if pd.notna(d) else "–" for d in picked["published_date"]]})
    if picked["quote"].isna().all():  # the pending-bill articles are quoted by their figure only
        shown = shown.drop(columns=_("As quoted"))
    citation = "; ".join(dict.fromkeys(f"{o}, {u}" for o, u in zip(picked["outlet"], picked["url"])))
    name = COUNTIES[county_code] if county_code else _("all-counties")
    return ExportTable(shown.reset_index(drop=True), picked.reset_index(drop=True),
                       file_stem(name, _("as-reported"), _(STEMS[topic])), citation, False)


def not_found(rows: pd.DataFrame, topic: str, county_name: str, fiscal_year: str | None = None) -> str:
    """Return what a county (or a county-year) without a statement reads: not found, never clean or zero."""
    if fiscal_year:
        return _("{topic}: not found in public reporting for {county}, {year}.").format(
            topic=_(TITLES[topic]), county=county_name, year=formatting.fy(fiscal_year))
    return _("{topic}: not found in public reporting for {county}.").format(topic=_(TITLES[topic]),
                                                                           county=county_name)
