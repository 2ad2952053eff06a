"""Generated demonstration budget lines and county fiscal figures for the eight target counties — never real.

No public file gives county budgets by sector and programme, own-source revenue, the wage bill or pending
bills by county and year (../shared/data/SOURCES.md, "Not found / gaps"), so the warehouse ships these for
the pages to show until counties load their own through the templates. They FOLLOW THE REAL TOTALS: for each
target county and fiscal year with a Controller of Budget (CoB) budget and expenditure, the lines add up to
that budget and that expenditure to the shilling (CoB amounts rounded to whole shillings), and the
development lines reproduce the CoB development absorption rate where it is published and not flagged.
Everything below those totals (the split into sectors and programmes, tags, ADP, revenue, wages, pending
bills) is drawn from `random.Random`, seeded per county and year so one corrected CoB row changes only its
own lines.
"""

from __future__ import annotations

import random

import pandas as pd

from jdp_analytics.budget import metrics
from jdp_analytics.budget.tables import FACT_BUDGET_LINE, FACT_COUNTY_FISCAL, PENDING_BILL_AGES
from jdp_analytics.geography.counties import JDP_TARGETS

SEED = 2026
SOURCE_ID = "demo_county_budget"

# Sector (county department) → programmes, and how development-heavy the sector's budget is (0–1 weight).
SECTORS = {
    "Health": (("Curative and rehabilitative health", "Preventive and promotive health",
                "Health administration and planning"), 0.5),
    "Education (ECDE and vocational training)": (("Early childhood development education", "Vocational training",
                                                  "Education bursaries"), 0.6),
    "Water, environment and natural resources": (("Rural water supply", "Urban water and sanitation",
                                                  "Environment and climate change"), 1.6),
    "Agriculture, livestock and fisheries": (("Crop development", "Livestock development", "Fisheries and blue "
                                              "economy"), 1.2),
    "Roads, transport and public works": (("Road network improvement", "Public works and transport"), 2.2),
    "Trade, industry and cooperatives": (("Trade development and markets", "Cooperative development"), 1.2),
    "Lands, housing and urban development": (("Physical planning and survey", "Urban development and housing"), 1.3),
    "Gender, youth, sports and social services": (("Gender and social protection", "Youth empowerment and sports"),
                                                  0.9),
    "Finance and economic planning": (("Revenue mobilisation", "Economic planning and budgeting",
                                       "Public finance management"), 0.3),
    "Public service and administration": (("Human resource management", "Devolved administration"), 0.2),
    "County Assembly": (("Legislation, representation and oversight",), 0.15),
}
# The sectors and programmes (UNFUNDED's too) in Kiswahili, beside the English (common/vocabulary.py shows them on
# `?lang=sw`), in the words of the glossary and of county budgets in Kiswahili (idara, mpango).
SECTORS_SW = {
    "Health": "Afya",
    "Education (ECDE and vocational training)": "Elimu (ECDE na mafunzo ya ufundi)",
    "Water, environment and natural resources": "Maji, mazingira na maliasili",
    "Agriculture, livestock and fisheries": "Kilimo, mifugo na uvuvi",
    "Roads, transport and public works": "Barabara, uchukuzi na kazi za umma",
    "Trade, industry and cooperatives": "Biashara, viwanda na vyama vya ushirika",
    "Lands, housing and urban development": "Ardhi, makazi na maendeleo ya miji",
    "Gender, youth, sports and social services": "Jinsia, vijana, michezo na huduma za kijamii",
    "Finance and economic planning": "Fedha na mipango ya kiuchumi",
    "Public service and administration": "Utumishi wa umma na utawala",
    "County Assembly": "Bunge la Kaunti",
}
PROGRAMMES_SW = {
    "Curative and rehabilitative health": "Huduma za afya za tiba na utengamao",
    "Preventive and promotive health": "Huduma za afya za kinga na uhamasishaji",
    "Health administration and planning": "Utawala na mipango ya afya",
    "Early childhood development education": "Elimu ya malezi ya awali ya watoto",
    "Vocational training": "Mafunzo ya ufundi",
    "Education bursaries": "Basari za elimu",
    "Rural water supply": "Usambazaji wa maji vijijini",
    "Urban water and sanitation": "Maji na usafi wa mazingira mijini",
    "Environment and climate change": "Mazingira na mabadiliko ya tabianchi",
    "Crop development": "Maendeleo ya mazao",
    "Livestock development": "Maendeleo ya mifugo",
    "Fisheries and blue economy": "Uvuvi na uchumi wa buluu",
    "Road network improvement": "Uboreshaji wa mtandao wa barabara",
    "Public works and transport": "Kazi za umma na uchukuzi",
    "Trade development and markets": "Maendeleo ya biashara na masoko",
    "Cooperative development": "Maendeleo ya vyama vya ushirika",
    "Physical planning and survey": "Mipango ya matumizi ya ardhi na upimaji",
    "Urban development and housing": "Maendeleo ya miji na makazi",
    "Gender and social protection": "Jinsia na hifadhi ya jamii",
    "Youth empowerment and sports": "Uwezeshaji wa vijana na michezo",
    "Revenue mobilisation": "Ukusanyaji wa mapato",
    "Economic planning and budgeting": "Mipango ya kiuchumi na upangaji wa bajeti",
    "Public finance management": "Usimamizi wa fedha za umma",
    "Human resource management": "Usimamizi wa rasilimali watu",
    "Devolved administration": "Utawala wa ugatuzi",
    "Legislation, representation and oversight": "Utungaji wa sheria, uwakilishi na usimamizi",
    "Ward borehole drilling": "Uchimbaji wa visima katika wadi",
    "County aggregation and industrial park": "Kituo cha ukusanyaji wa mazao na bustani ya viwanda ya kaunti",
    "Bus park and street lighting": "Kituo cha mabasi na taa za barabarani",
    "Livestock sale yards": "Masoko ya mifugo",
    "Level 4 hospital expansion": "Upanuzi wa hospitali ya ngazi ya 4",
}
# How large a sector's budget is relative to the others (health and the assembly are large in every county).
SECTOR_SIZE = {"Health": 3.0, "Education (ECDE and vocational training)": 1.2,
               "Water, environment and natural resources": 1.0, "Agriculture, livestock and fisheries": 0.9,
               "Roads, transport and public works": 1.2, "Trade, industry and cooperatives": 0.4,
               "Lands, housing and urban development": 0.5, "Gender, youth, sports and social services": 0.4,
               "Finance and economic planning": 0.8, "Public service and administration": 1.0,
               "County Assembly": 1.0}
GENDER_LIKELY = {"Health": 0.8, "Gender, youth, sports and social services": 0.95,
                 "Water, environment and natural resources": 0.6, "Agriculture, livestock and fisheries": 0.5,
                 "Education (ECDE and vocational training)": 0.5, "Trade, industry and cooperatives": 0.4}
CHILD_LIKELY = {"Health": 0.8, "Education (ECDE and vocational training)": 0.95,
                "Water, environment and natural resources": 0.5, "Gender, youth, sports and social services": 0.6}
# Programmes an ADP plans that the budget does not fund (approved 0): sector → programme.
UNFUNDED = (("Water, environment and natural resources", "Ward borehole drilling"),
            ("Trade, industry and cooperatives", "County aggregation and industrial park"),
            ("Roads, transport and public works", "Bus park and street lighting"),
            ("Agriculture, livestock and fisheries", "Livestock sale yards"),
            ("Health", "Level 4 hospital expansion"))
FIRST_TAGGED_YEAR = "2017/18"  # tags empty before: gender and child budget tagging was not yet assessed
# Own-source revenue as % of the annual target in FY 2024/25 as the CoB CBIRR FY2024/25 executive summary
# reported it for three target counties (../shared/data/partial-reported/cbirr_fy2024_25_exec_summary/);
# the demonstration rows of that year follow these, the other years and counties are drawn.
OSR_REPORTED_PCT_2024_25 = {"008": 123.0, "025": 110.0, "043": 101.0}

SOURCE_ROW = {
    "source_id": SOURCE_ID,
    "publisher": "JDP Analytics (generated)",
    "title": "Demonstration county budget lines, revenue, wage bill and pending bills — generated, not real",
    "url": None,
    "licence": "CC0; generated",
    "as_of": "2025-06-30",
    "is_demo": True,
    "notes": f"Generated by jdp_analytics.demo_budget (random.Random seeded '{SEED}:county:year') for the eight "
             "JDP target counties. Sector and programme amounts add up to the Controller of Budget's county budget "
             "and expenditure of each year to the shilling, and development lines reproduce its development "
             "absorption rate; everything else is generated. No line here is a county's real budget.",
    "file_sha256": None,
}
# The source row's publisher and title in Kiswahili (common/vocabulary.py shows them on `?lang=sw`).
SOURCE_ROW_SW = {
    SOURCE_ROW["publisher"]: "JDP Analytics (takwimu za mfano)",
    SOURCE_ROW["title"]: "Vipengele vya bajeti ya kaunti, mapato, mishahara na marupurupu na madeni ambayo "
                          "hayajalipwa vya mfano — vimetengenezwa, si halisi",
}


def split_exact(total: int, weights: list[float]) -> list[int]:
    """Return whole-shilling parts of `total` in proportion to `weights` that add up to `total` exactly.

    Largest remainder: each part is rounded down, then the shillings left go to the largest remainders.
    All-zero weights split evenly.
    """
    if not weights:
        return []
    if sum(weights) <= 0:
        weights = [1.0] * len(weights)
    scale = total / sum(weights)
    raw = [w * scale for w in weights]
    parts = [int(r // 1) for r in raw]
    left = total - sum(parts)
    order = sorted(range(len(raw)), key=lambda i: (raw[i] - parts[i], -i), reverse=True)
    for i in order[:left]:
        parts[i] += 1
    return parts


def _rng(county: str, fiscal_year: str | None = None) -> random.Random:
    return random.Random(f"{SEED}:{county}:{fiscal_year or ''}")


def _development_rate(row) -> float | None:
    """Return the CoB development absorption (fraction) when published and not flagged as suspect."""
    rate = row.development_absorption_pct
    if rate is None or pd.isna(rate) or "development_absorption_pct" in metrics.suspect_rates(row.flag):
        return None
    return float(rate) / 100.0


def development_share(budget: int, expenditure: int, dev_rate: float, wanted: float) -> float:
    """Return a development share of the budget near `wanted` that keeps recurrent spending within its budget.

    With total absorption a and development absorption d, recurrent absorption stays ≤ 100 % only when the
    development share s ≤ (1 − a) / (1 − d), and recurrent expenditure stays ≥ 0 only when s ≤ a / d.
    """
    a = expenditure / budget if budget else 0.0
    share = wanted
    if dev_rate < 1:
        share = min(share, max(0.12, 0.98 * (1 - a) / (1 - dev_rate)))
    if dev_rate > 0:
        share = min(share, 0.95 * a / dev_rate)
    return share


def county_year_lines(county: str, fiscal_year: str, budget: int, expenditure: int,
                      dev_rate: float | None) -> list[dict]:
    """Return the budget lines of one county and year, adding up to `budget` and `expenditure` exactly."""
    county_rng, rng = _rng(county), _rng(county, fiscal_year)
    wanted = county_rng.uniform(0.24, 0.36) + rng.uniform(-0.05, 0.05)
    rate = dev_rate if dev_rate is not None else county_rng.uniform(0.45, 0.8) * rng.uniform(0.85, 1.1)
    share = development_share(budget, expenditure, rate, wanted)
    dev_budget = round(budget * share)
    dev_spent = min(round(dev_budget * rate), expenditure)
    rec_budget, rec_spent = budget - dev_budget, expenditure - dev_spent
    programmes = [(sector, programme, dev_weight) for sector, (names, dev_weight) in SECTORS.items()
                  for programme in names]
    size = [SECTOR_SIZE[s] / len(SECTORS[s][0]) * rng.uniform(0.6, 1.4) for s, _, _ in programmes]
    dev_parts = split_exact(dev_budget, [w * d * rng.uniform(0.5, 1.5) for w, (_, _, d) in zip(size, programmes)])
    rec_parts = split_exact(rec_budget, [w * (1.2 - d / 2.5) * rng.uniform(0.8, 1.2)
                                         for w, (_, _, d) in zip(size, programmes)])
    dev_out = split_exact(dev_spent, [b * rng.uniform(0.6, 1.3) for b in dev_parts])
    rec_out = split_exact(rec_spent, [b * rng.uniform(0.9, 1.08) for b in rec_parts])
    tagged = fiscal_year >= FIRST_TAGGED_YEAR
    lines = []
    for (sector, programme, _), db, rb, de, re in zip(programmes, dev_parts, rec_parts, dev_out, rec_out):
        approved = db + rb
        in_adp = db > 0 and rng.random() < 0.85
        lines.append({
            "sector": sector, "programme": programme, "approved_development_kes": db, "approved_recurrent_kes": rb,
            "expenditure_development_kes": de, "expenditure_recurrent_kes": re,
            "gender_tagged_kes": (round(approved * rng.uniform(0.05, 0.5))
                                  if rng.random() < GENDER_LIKELY.get(sector, 0.1) else 0) if tagged else None,
            "child_tagged_kes": (round(approved * rng.uniform(0.1, 0.7))
                                 if rng.random() < CHILD_LIKELY.get(sector, 0.05) else 0) if tagged else None,
            "in_adp": in_adp, "adp_planned_kes": round(db * rng.uniform(0.8, 1.6)) if in_adp else None})
    for sector, programme in rng.sample(UNFUNDED, rng.randint(1, 3)):
        lines.append({"sector": sector, "programme": programme, "approved_development_kes": 0,
                      "approved_recurrent_kes": 0, "expenditure_development_kes": 0, "expenditure_recurrent_kes": 0,
                      "gender_tagged_kes": 0 if tagged else None, "child_tagged_kes": 0 if tagged else None,
                      "in_adp": True, "adp_planned_kes": round(budget * rng.uniform(0.002, 0.012))})
    return [{"county_code": county, "fiscal_year": fiscal_year, **line} for line in lines]


def county_year_fiscal(county: str, fiscal_year: str, budget: int, osr_missing: bool) -> dict:
    """Return one county and year's revenue, wage bill and pending bills (generated around the real budget)."""
    county_rng, rng = _rng(county), _rng(county, f"{fiscal_year}:fiscal")
    osr_share, wage_share = county_rng.uniform(0.02, 0.08), county_rng.uniform(0.31, 0.47)
    pending_share = county_rng.uniform(0.03, 0.16)
    revenue = round(budget * rng.uniform(0.9, 1.02))
    actual = round(revenue * osr_share * rng.uniform(0.8, 1.2))
    performance = OSR_REPORTED_PCT_2024_25.get(county) if fiscal_year == "2024/25" else None
    target = round(actual / ((performance or 100 * rng.uniform(0.6, 1.15)) / 100))
    pending = round(budget * pending_share * rng.uniform(0.75, 1.25))
    ages = split_exact(pending, [0.5 * rng.uniform(0.7, 1.3), 0.25 * rng.uniform(0.6, 1.4),
                                 0.15 * rng.uniform(0.5, 1.5), 0.1 * rng.uniform(0.3, 1.7)])
    return {"county_code": county, "fiscal_year": fiscal_year,
            "osr_target_kes": None if osr_missing else target, "osr_actual_kes": None if osr_missing else actual,
            "total_revenue_kes": revenue, "wage_bill_kes": round(revenue * wage_share * rng.uniform(0.92, 1.08)),
            "pending_bills_kes": pending, **dict(zip(PENDING_BILL_AGES, ages))}


def _real_totals(budget_execution: pd.DataFrame) -> pd.DataFrame:
    rows = budget_execution[budget_execution["county_code"].isin(JDP_TARGETS)]
    return rows.dropna(subset=["budget_kes", "expenditure_kes"]).sort_values(["county_code", "fiscal_year"])


def generate(budget_execution: pd.DataFrame, published_osr: pd.DataFrame | None = None
             ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (budget lines, county fiscal rows) for the target counties' years with a real CoB budget; own-source
    revenue is generated only for the county-years `published_osr` (the CoB table) does not give."""
    lines, fiscal = [], []
    published = set() if published_osr is None else set(zip(published_osr["county_code"],
                                                             published_osr["fiscal_year"]))
    for county, rows in _real_totals(budget_execution).groupby("county_code"):
        years = list(rows["fiscal_year"])
        gap_rng = _rng(county, "osr-gap")
        missing = gap_rng.choice(years[1:-1]) if len(years) > 2 and gap_rng.random() < 0.5 else None
        for row in rows.itertuples():
            budget, expenditure = round(row.budget_kes), round(row.expenditure_kes)
            lines += county_year_lines(county, row.fiscal_year, budget, expenditure, _development_rate(row))
            fiscal.append(county_year_fiscal(county, row.fiscal_year, budget,
                                             row.fiscal_year == missing or (county, row.fiscal_year) in published))
    line_columns = [c for c in FACT_BUDGET_LINE.column_names if c not in ("source_id", "load_id")]
    fiscal_columns = [c for c in FACT_COUNTY_FISCAL.column_names if c not in ("source_id", "load_id")]
    return (pd.DataFrame(lines, columns=line_columns).assign(source_id=SOURCE_ID, load_id=None),
            pd.DataFrame(fiscal, columns=fiscal_columns).assign(source_id=SOURCE_ID, load_id=None))


def to_warehouse(budget_execution: pd.DataFrame, published_osr: pd.DataFrame | None = None
                 ) -> dict[str, pd.DataFrame]:
    """Return the demonstration source row, its budget lines and its county fiscal rows (own-source revenue only
    where the published table has none)."""
    lines, fiscal = generate(budget_execution, published_osr)
    return {"source": pd.DataFrame([SOURCE_ROW]), "fact_budget_line": lines, "fact_county_fiscal": fiscal}
