"""What the press reported of the Auditor-General's opinions on county governments, of county pending-bill stocks,
of the Controller of Budget's statements on budgets not approved after 1 July and of the women members of county
assemblies: partial, second-hand, never a series (shared/data `partial-reported/`, each folder with its SOURCE.md).

Each row is one outlet's statement, kept with the sentence it rests on, the outlet, its date and address. A county
or year the press did not name has no row, and reads "not found in public reporting", never "clean" or zero; no
share, rank or total is computed from these rows. Each outlet is its own source (one source row per address).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from jdp_analytics.warehouse.sources import Provenance, check_county_codes, numbers, read_published_csv

FOLDER = "partial-reported"
AUDIT_FILE = f"{FOLDER}/oag_audit_opinions_news_partial/oag_county_audit_opinions_news_partial.csv"
PENDING_FILE = f"{FOLDER}/pending_bills_news_partial/pending_bills_news_quoted.csv"
APPROVAL_FILE = f"{FOLDER}/county_budget_approval_news_partial/county_budget_approval_status_news.csv"
WOMEN_FILE = f"{FOLDER}/women_mcas_news_partial/women_mcas_news_partial.csv"
WOMEN_SUPPLEMENT_FILE = f"{FOLDER}/women_mcas_news_partial/women_mcas_news_supplement.csv"
COLUMNS = {
    "reported_audit_opinions": (AUDIT_FILE, ["county_code", "county_name", "fiscal_year", "entity", "audit_opinion",
                                             "source_url", "publisher", "published_date", "quote", "corroboration",
                                             "note"]),
    "reported_pending_bills": (PENDING_FILE, ["county_code", "county_name", "as_of", "entity_scope",
                                              "pending_bills_kes_million_as_quoted", "amount_text_as_printed",
                                              "source_url", "article_date", "quality"]),
    "reported_budget_approval": (APPROVAL_FILE, ["county_code", "county_name", "fiscal_year", "status_as_reported",
                                                 "basis", "source_url", "publisher", "published_date",
                                                 "timing_as_stated", "quote", "note"]),
    "reported_women_mcas": (WOMEN_FILE, ["county_code", "county_name", "election_year", "measure", "value_count",
                                         "source_short", "note"]),
    "reported_women_mcas_supplement": (WOMEN_SUPPLEMENT_FILE, ["county_code", "county_name", "election_year",
                                                               "measure", "value_count", "source_id", "source_url",
                                                               "publisher", "published_date", "quote", "note"]),
}
TOPICS = ("audit_opinion", "pending_bills", "budget_approval", "women_mcas")
NATIONAL = "ALL"  # the women's file gives national totals under this code: not a county, not loaded
# The women's file names its articles by a short name; its SOURCE.md gives each one's address, outlet and date.
WOMEN_ARTICLES = {
    "nation_2017_elected": ("http://www.nation.co.ke/news/Elected-female-MCAs-2017-elections/1056-4068390-format-"
                            "xhtml-utyx96/index.html", "Daily Nation (Nation Media Group)", ""),
    "nation_2017_559": ("http://www.nation.co.ke/news/politics/559-picked-as-MCAs-to-seal-gender-gap/1064-4076204-"
                        "tn95s/index.html", "Daily Nation (Nation Media Group)", ""),
    "allafrica_2017_08_30": ("http://allafrica.com/stories/201708300184.html", "AllAfrica (The Nation)", "2017-08-30"),
    "allafrica_2017_08_31": ("http://allafrica.com/stories/201708310497.html", "AllAfrica (The Nation)", "2017-08-31"),
    "nation_2022_08_19": ("https://nation.africa/kenya/news/gender/mixed-bag-of-fortunes-for-women-in-county-"
                          "assemblies-3919762", "Daily Nation (Nation Media Group)", "2022-08-19"),
    "nation_2022_09_15": ("https://nation.africa/kenya/news/gender/nairobi-leads-in-ward-reps-gender-top-up-list-"
                          "3949466", "Daily Nation (Nation Media Group)", "2022-09-15"),
}

PROVENANCE = Provenance(
    source_id="as_reported",
    publisher="news outlets quoting the Auditor-General, the Controller of Budget and the IEBC, as reported",
    title="Audit opinions, pending bills, budget approval statements and women county assembly members as quoted in "
          "public reporting (partial)",
    url="https://www.oagkenya.go.ke/",
    licence="no licence stated; facts cited to the outlet",
    as_of="2025-09-30",
    derived_from=(AUDIT_FILE, PENDING_FILE, APPROVAL_FILE, WOMEN_FILE, WOMEN_SUPPLEMENT_FILE),
    notes="Second-hand and partial: 89 audit opinions (FY2013/14–2024/25, most 2015/16–2017/18), 65 pending-bill "
          "stocks at 5 dates, 135 budget-approval statements (FY2021/22, 2024/25, 2025/26), 78 counts of women "
          "members of county assemblies (2013, 2017, 2022; national totals not loaded). A missing row means not "
          "found in public reporting. Re-verify against the Auditor-General's, the Controller of Budget's and the "
          "IEBC's records before treating a row as authoritative.")


def derive(sources: Path) -> dict[str, pd.DataFrame]:
    """Return the three published files row by row (the columns shown), county names checked against their codes."""
    out = {}
    for name, (file, columns) in COLUMNS.items():
        path = Path(sources) / file
        frame = read_published_csv(path, columns)[columns]
        check_county_codes(frame[frame["county_code"] != NATIONAL], path)
        out[name] = frame
    numbers(out["reported_pending_bills"], "pending_bills_kes_million_as_quoted", Path(sources) / PENDING_FILE)
    return out


def _source_id(url: str) -> str:
    return "reported_" + hashlib.sha256(url.encode()).hexdigest()[:10]


def _date(text: str):
    return pd.to_datetime(text, errors="coerce").date() if text else None


def _whole_date(text: str):
    """A date the file gives whole ('2022-08-18'); a month alone ('2022-09') is no day: None."""
    return _date(text) if len(text or "") == 10 else None


def to_warehouse(ref: dict[str, pd.DataFrame], sha256: str) -> dict[str, pd.DataFrame]:
    """Return one source row per outlet address and the fact_reported_statement rows of the three files."""
    audit, pending, approval, women, women_supplement = (ref[name] for name in COLUMNS)
    rows = [{"county_code": r.county_code, "topic": "audit_opinion", "period": r.fiscal_year, "subject": r.entity,
             "reported": r.audit_opinion, "amount_kes": None, "quote": r.quote, "outlet": r.publisher,
             "published_date": _date(r.published_date), "url": r.source_url, "check_note": r.corroboration,
             "note": r.note or None} for r in audit.itertuples()]
    rows += [{"county_code": r.county_code, "topic": "pending_bills", "period": r.as_of, "subject": r.entity_scope,
              "reported": r.amount_text_as_printed,
              "amount_kes": float(r.pending_bills_kes_million_as_quoted) * 1e6, "quote": None,
              "outlet": urlparse(r.source_url).netloc.removeprefix("www."), "published_date": _date(r.article_date),
              "url": r.source_url, "check_note": r.quality, "note": None} for r in pending.itertuples()]
    rows += [{"county_code": r.county_code, "topic": "budget_approval", "period": r.fiscal_year,
              "subject": r.timing_as_stated, "reported": r.status_as_reported, "amount_kes": None, "quote": r.quote,
              "outlet": r.publisher, "published_date": _date(r.published_date), "url": r.source_url,
              "check_note": r.basis, "note": r.note or None} for r in approval.itertuples()]
    for r in women.itertuples():
        if r.county_code == NATIONAL:
            continue
        url, outlet, published = WOMEN_ARTICLES[r.source_short]
        rows.append({"county_code": r.county_code, "topic": "women_mcas", "period": r.election_year,
                     "subject": r.measure, "reported": r.value_count, "amount_kes": None, "quote": None,
                     "outlet": outlet, "published_date": _whole_date(published), "url": url,
                     "check_note": r.source_short, "note": r.note or None})
    rows += [{"county_code": r.county_code, "topic": "women_mcas", "period": r.election_year, "subject": r.measure,
              "reported": r.value_count, "amount_kes": None, "quote": r.quote or None, "outlet": r.publisher,
              "published_date": _whole_date(r.published_date), "url": r.source_url, "check_note": r.source_id,
              "note": r.note or None} for r in women_supplement.itertuples()]
    facts = pd.DataFrame(rows)
    facts["source_id"] = facts["url"].map(_source_id)
    firsts = facts.drop_duplicates("url")
    sources = pd.DataFrame({
        "source_id": firsts["source_id"], "publisher": firsts["outlet"],
        "title": [f"As reported: {topic.replace('_', ' ')} ({outlet})" for topic, outlet in
                  zip(firsts["topic"], firsts["outlet"])],
        "url": firsts["url"], "licence": PROVENANCE.licence,
        "as_of": [d if d is not None else pd.Timestamp(PROVENANCE.as_of).date() for d in firsts["published_date"]],
        "is_demo": False, "notes": PROVENANCE.notes, "file_sha256": sha256})
    return {"source": sources, "fact_reported_statement": facts}
