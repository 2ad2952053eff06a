"""The UN global SDG indicators the programme follows, and the targets their SDG target text sets in numbers.

Names are those of the global indicator framework (A/RES/71/313 with the Statistical Commission's annual
refinements). The list covers the goals the Joint Devolution Programme targets (5, 10, 11, 16, 17) and the
global indicators that the KDHS 2022 and 2019 census indicators of the warehouse measure or stand in for.
An indicator listed here with no observation is an evidence gap, shown as such on the Gaps page.

Targets: only where the SDG target's own words give a number (universal access = 100 %) or Kenyan law does
(Constitution Art. 81(b): no more than two-thirds of an elective body of one gender). No target is invented:
an indicator without one is assessed on its trend alone (sdg.progress_status).
"""

from __future__ import annotations

import pandas as pd

from jdp_analytics.warehouse.sources import Provenance, source_row

PROVENANCE = Provenance(
    source_id="un_sdg_framework",
    publisher="United Nations Statistical Commission",
    title="Global indicator framework for the Sustainable Development Goals and targets of the 2030 Agenda "
          "(A/RES/71/313 and annual refinements)",
    url="https://unstats.un.org/sdgs/indicators/indicators-list/",
    licence="United Nations public document; indicator names quoted",
    as_of="2025-03-31",
    derived_from=(),
    notes="Indicator codes and names of the framework; targets only where the SDG target text or the "
          "Constitution of Kenya states a number.",
)

# code, name, goal, target, unit, higher_is_better, topic
GLOBAL_INDICATORS = (
    ("2.2.1", "Prevalence of stunting (height for age <-2 standard deviation from the median of the WHO Child "
              "Growth Standards) among children under 5 years of age", 2, "2.2", "percent", False, "nutrition"),
    ("3.1.2", "Proportion of births attended by skilled health personnel", 3, "3.1", "percent", True, "maternal"),
    ("3.b.1", "Proportion of the target population covered by all vaccines included in their national programme",
     3, "3.b", "percent", True, "immunization"),
    ("5.5.1", "Proportion of seats held by women in (a) national parliaments and (b) local governments", 5, "5.5",
     "percent", True, "gender"),
    ("5.5.2", "Proportion of women in managerial positions", 5, "5.5", "percent", True, "gender"),
    ("5.b.1", "Proportion of individuals who own a mobile telephone, by sex", 5, "5.b", "percent", True, "gender"),
    ("6.1.1", "Proportion of population using safely managed drinking water services", 6, "6.1", "percent", True,
     "water"),
    ("6.2.1", "Proportion of population using (a) safely managed sanitation services and (b) a hand-washing "
              "facility with soap and water", 6, "6.2", "percent", True, "sanitation"),
    ("7.1.1", "Proportion of population with access to electricity", 7, "7.1", "percent", True, "energy"),
    ("7.1.2", "Proportion of population with primary reliance on clean fuels and technology", 7, "7.1", "percent",
     True, "energy"),
    ("10.2.1", "Proportion of people living below 50 per cent of median income, by sex, age and persons with "
               "disabilities", 10, "10.2", "percent", False, "inequality"),
    ("10.3.1", "Proportion of population reporting having personally felt discriminated against or harassed in the "
               "previous 12 months on the basis of a ground of discrimination prohibited under international human "
               "rights law", 10, "10.3", "percent", False, "inequality"),
    ("11.1.1", "Proportion of urban population living in slums, informal settlements or inadequate housing", 11,
     "11.1", "percent", False, "housing"),
    ("11.3.2", "Proportion of cities with a direct participation structure of civil society in urban planning and "
               "management that operate regularly and democratically", 11, "11.3", "percent", True, "participation"),
    ("16.6.1", "Primary government expenditures as a proportion of original approved budget, by sector (or by "
               "budget codes or similar)", 16, "16.6", "percent", None, "public finance"),
    ("16.6.2", "Proportion of population satisfied with their last experience of public services", 16, "16.6",
     "percent", True, "governance"),
    ("16.7.1", "Proportions of positions in national and local institutions, including (a) the legislatures; (b) the "
               "public service; and (c) the judiciary, compared to national distributions, by sex, age, persons "
               "with disabilities and population groups", 16, "16.7", "percent", True, "governance"),
    ("16.7.2", "Proportion of population who believe decision-making is inclusive and responsive, by sex, age, "
               "disability and population group", 16, "16.7", "percent", True, "participation"),
    ("16.9.1", "Proportion of children under 5 years of age whose births have been registered with a civil "
               "authority, by age", 16, "16.9", "percent", True, "governance"),
    ("17.8.1", "Proportion of individuals using the Internet", 17, "17.8", "percent", True, "ICT"),
)

# The names in Kiswahili, beside the English (common/vocabulary.py shows them on `?lang=sw`): the framework has no
# official Kiswahili text, so these are the project's, in the terms of docs/kiswahili-glossary.csv and the Ministry
# of Health's Kiswahili (udumavu, chanjo, mhudumu wa afya mwenye ujuzi), proposed for the reviewers.
NAMES_SW = {
    "2.2.1": "Kiwango cha udumavu (urefu kwa umri chini ya mkengeuko sanifu -2 kutoka wastani wa kati wa Viwango vya "
             "Ukuaji wa Watoto vya WHO) miongoni mwa watoto walio chini ya umri wa miaka 5",
    "3.1.2": "Uwiano wa vizazi vilivyozaliwa kwa msaada wa mhudumu wa afya mwenye ujuzi",
    "3.b.1": "Uwiano wa walengwa waliopata chanjo zote zilizo katika mpango wa kitaifa wa chanjo",
    "5.5.1": "Uwiano wa viti vinavyoshikiliwa na wanawake katika (a) mabunge ya kitaifa na (b) serikali za mitaa",
    "5.5.2": "Uwiano wa wanawake katika nyadhifa za usimamizi",
    "5.b.1": "Uwiano wa watu wanaomiliki simu ya mkononi, kwa jinsia",
    "6.1.1": "Uwiano wa watu wanaotumia huduma za maji ya kunywa yanayosimamiwa kwa usalama",
    "6.2.1": "Uwiano wa watu wanaotumia (a) huduma za usafi wa mazingira zinazosimamiwa kwa usalama na (b) kituo cha "
             "kunawa mikono chenye sabuni na maji",
    "7.1.1": "Uwiano wa watu wanaopata umeme",
    "7.1.2": "Uwiano wa watu wanaotegemea hasa nishati na teknolojia safi",
    "10.2.1": "Uwiano wa watu wanaoishi chini ya asilimia 50 ya mapato ya wastani wa kati, kwa jinsia, umri na watu "
              "wenye ulemavu",
    "10.3.1": "Uwiano wa watu wanaoripoti kwamba wao binafsi walibaguliwa au kunyanyaswa katika miezi 12 iliyopita kwa "
              "msingi wa ubaguzi uliokatazwa na sheria ya kimataifa ya haki za binadamu",
    "11.1.1": "Uwiano wa wakazi wa mijini wanaoishi katika mitaa ya mabanda, makazi yasiyo rasmi au nyumba duni",
    "11.3.2": "Uwiano wa miji yenye muundo wa ushiriki wa moja kwa moja wa mashirika ya kiraia katika mipango na "
              "usimamizi wa miji unaofanya kazi mara kwa mara na kwa njia ya kidemokrasia",
    "16.6.1": "Matumizi ya msingi ya serikali kama uwiano wa bajeti ya awali iliyoidhinishwa, kwa sekta (au kwa "
              "misimbo ya bajeti au mfano wake)",
    "16.6.2": "Uwiano wa watu walioridhika na huduma za umma walizopata mara ya mwisho",
    "16.7.1": "Uwiano wa nyadhifa katika taasisi za kitaifa na za mitaa, zikiwemo (a) mabunge; (b) utumishi wa umma; "
              "na (c) mahakama, ukilinganishwa na mgawanyo wa kitaifa, kwa jinsia, umri, watu wenye ulemavu na "
              "makundi ya watu",
    "16.7.2": "Uwiano wa watu wanaoamini kwamba ufanyaji wa maamuzi ni jumuishi na unaozingatia mahitaji yao, kwa "
              "jinsia, umri, ulemavu na kundi la watu",
    "16.9.1": "Uwiano wa watoto walio chini ya umri wa miaka 5 ambao vizazi vyao vimesajiliwa na mamlaka ya kiraia, "
              "kwa umri",
    "17.8.1": "Uwiano wa watu wanaotumia intaneti",
}
UNITS_SW = {"percent": "asilimia"}  # the unit of every indicator of the catalogue (KNBS Kiswahili: asilimia)

# indicator_code, geo_code, target_year, target_value, basis
TARGETS = (
    ("5.5.1", "KE", 2030, 33.3, "Constitution of Kenya 2010, Art. 81(b) and 177(1)(b): not more than two-thirds of "
     "the members of an elective body (a county assembly included) of the same gender, i.e. at least one third "
     "women; in force since 2010, held here to the SDG horizon 2030."),
    ("CEN_WATER_IMPROVED", "KE", 2030, 100.0, "SDG target 6.1: 'By 2030, achieve universal and equitable access to "
     "safe and affordable drinking water for all' (universal = 100 %), applied to the census proxy."),
    ("CEN_SANITATION_IMPROVED", "KE", 2030, 100.0, "SDG target 6.2: 'By 2030, achieve access to adequate and "
     "equitable sanitation and hygiene for all and end open defecation' (for all = 100 %), applied to the census "
     "proxy."),
    ("CEN_ELECTRICITY_LIGHTING", "KE", 2030, 100.0, "SDG target 7.1: 'By 2030, ensure universal access to "
     "affordable, reliable and modern energy services' (universal = 100 %), applied to the census proxy."),
    ("CEN_CLEAN_COOKING", "KE", 2030, 100.0, "SDG target 7.1: 'By 2030, ensure universal access to affordable, "
     "reliable and modern energy services' (universal = 100 %), applied to the census proxy."),
)


def to_warehouse() -> dict[str, pd.DataFrame]:
    """Return the source row, the global indicators for dim_indicator and the targets."""
    dim = pd.DataFrame([{
        "indicator_code": code, "indicator_name": name, "unit": unit, "population": None, "topic": topic,
        "higher_is_better": better, "source_id": PROVENANCE.source_id, "sdg_goal": goal, "sdg_target": target,
        "sdg_indicator": code, "sdg_correspondence": "global", "code_scheme": "UN global",
        "definition": "As in the UN SDG metadata repository (unstats.un.org/sdgs/metadata).",
        "method": "Values come from uploads (project template or Open SDG data files); none is derived here."}
        for code, name, goal, target, unit, better, topic in GLOBAL_INDICATORS])
    dim["higher_is_better"] = dim["higher_is_better"].astype("boolean")
    targets = pd.DataFrame(list(TARGETS), columns=["indicator_code", "geo_code", "target_year", "target_value",
                                                   "basis"]).assign(source_id=PROVENANCE.source_id)
    return {"source": pd.DataFrame([source_row(PROVENANCE, "")]), "dim_indicator": dim,
            "fact_indicator_target": targets}
