"""The names the national-scale demonstration (warehouse/national.py) gives its generated budget line items, with
their Kiswahili forms beside them (common/vocabulary.py shows them on `?lang=sw`). The economic items are those of
the Standard Chart of Accounts: the code stays, the name is translated."""

from __future__ import annotations

VOTES = ("County Assembly", "Office of the Governor", "Finance and Economic Planning", "Agriculture, Livestock and "
         "Fisheries", "Health Services", "Education (ECDE) and Vocational Training", "Water, Environment and Natural "
         "Resources", "Roads, Transport and Public Works", "Trade, Industry and Cooperatives", "Lands, Housing and "
         "Urban Development", "Gender, Youth, Sports and Social Services", "Public Service and Administration")
PROGRAMMES = ("General administration, planning and support services", "Service delivery", "Capital development")
SUB_PROGRAMMES = ("Headquarters", "Sub-county operations", "Ward-based projects")
ECONOMIC_ITEMS = ("2110100 Basic salaries - permanent employees", "2110300 Personal allowances paid as part of "
                  "salary", "2120100 Employer contributions to pension schemes", "2210100 Utilities supplies and "
                  "services", "2210200 Communication, supplies and services", "2210300 Domestic travel and "
                  "subsistence", "2210500 Printing, advertising and information", "2210700 Training expenses",
                  "2210800 Hospitality supplies and services", "2211000 Specialised materials and supplies",
                  "2211100 Office and general supplies", "2211200 Fuel, oil and lubricants", "2211300 Other operating "
                  "expenses", "2220100 Routine maintenance - vehicles", "2220200 Routine maintenance - other assets",
                  "2630100 Current grants to government agencies", "2640500 Transfers to households",
                  "2710100 Government pension and retirement benefits", "3110200 Construction of buildings",
                  "3110300 Refurbishment of buildings", "3110500 Construction and civil works (roads)",
                  "3110600 Water supplies and sewerage works", "3111000 Purchase of office furniture and equipment",
                  "3111100 Purchase of specialised plant and equipment", "3130100 Acquisition of land")

VOTES_SW = {
    "County Assembly": "Bunge la Kaunti",
    "Office of the Governor": "Ofisi ya Gavana",
    "Finance and Economic Planning": "Fedha na Mipango ya Kiuchumi",
    "Agriculture, Livestock and Fisheries": "Kilimo, Mifugo na Uvuvi",
    "Health Services": "Huduma za Afya",
    "Education (ECDE) and Vocational Training": "Elimu (ECDE) na Mafunzo ya Ufundi",
    "Water, Environment and Natural Resources": "Maji, Mazingira na Maliasili",
    "Roads, Transport and Public Works": "Barabara, Uchukuzi na Kazi za Umma",
    "Trade, Industry and Cooperatives": "Biashara, Viwanda na Vyama vya Ushirika",
    "Lands, Housing and Urban Development": "Ardhi, Makazi na Maendeleo ya Miji",
    "Gender, Youth, Sports and Social Services": "Jinsia, Vijana, Michezo na Huduma za Kijamii",
    "Public Service and Administration": "Utumishi wa Umma na Utawala",
}
PROGRAMMES_SW = {
    "General administration, planning and support services": "Utawala wa jumla, mipango na huduma saidizi",
    "Service delivery": "Utoaji wa huduma",
    "Capital development": "Miradi ya maendeleo ya mtaji",
}
SUB_PROGRAMMES_SW = {"Headquarters": "Makao makuu", "Sub-county operations": "Shughuli za kaunti ndogo",
                     "Ward-based projects": "Miradi ya wadi"}
ECONOMIC_ITEMS_SW = {
    "2110100 Basic salaries - permanent employees": "2110100 Mishahara ya msingi - wafanyakazi wa kudumu",
    "2110300 Personal allowances paid as part of salary":
        "2110300 Marupurupu ya binafsi yanayolipwa pamoja na mshahara",
    "2120100 Employer contributions to pension schemes": "2120100 Michango ya mwajiri kwa mifuko ya pensheni",
    "2210100 Utilities supplies and services": "2210100 Bidhaa na huduma za msingi (umeme, maji)",
    "2210200 Communication, supplies and services": "2210200 Mawasiliano, bidhaa na huduma",
    "2210300 Domestic travel and subsistence": "2210300 Safari za ndani ya nchi na posho la kujikimu",
    "2210500 Printing, advertising and information": "2210500 Uchapishaji, matangazo na habari",
    "2210700 Training expenses": "2210700 Gharama za mafunzo",
    "2210800 Hospitality supplies and services": "2210800 Bidhaa na huduma za ukarimu",
    "2211000 Specialised materials and supplies": "2211000 Vifaa na bidhaa maalum",
    "2211100 Office and general supplies": "2211100 Vifaa vya ofisi na vya jumla",
    "2211200 Fuel, oil and lubricants": "2211200 Mafuta ya magari na vilainishi",
    "2211300 Other operating expenses": "2211300 Gharama nyingine za uendeshaji",
    "2220100 Routine maintenance - vehicles": "2220100 Matengenezo ya kawaida - magari",
    "2220200 Routine maintenance - other assets": "2220200 Matengenezo ya kawaida - mali nyingine",
    "2630100 Current grants to government agencies": "2630100 Ruzuku za matumizi ya kawaida kwa mashirika ya serikali",
    "2640500 Transfers to households": "2640500 Uhamisho wa fedha kwa kaya",
    "2710100 Government pension and retirement benefits": "2710100 Pensheni ya serikali na mafao ya kustaafu",
    "3110200 Construction of buildings": "3110200 Ujenzi wa majengo",
    "3110300 Refurbishment of buildings": "3110300 Ukarabati wa majengo",
    "3110500 Construction and civil works (roads)": "3110500 Ujenzi na kazi za uhandisi wa kiraia (barabara)",
    "3110600 Water supplies and sewerage works": "3110600 Kazi za usambazaji wa maji na mifereji ya maji taka",
    "3111000 Purchase of office furniture and equipment": "3111000 Ununuzi wa samani na vifaa vya ofisi",
    "3111100 Purchase of specialised plant and equipment": "3111100 Ununuzi wa mitambo na vifaa maalum",
    "3130100 Acquisition of land": "3130100 Ununuzi wa ardhi",
}
# The titles of the national-scale demonstration's generated sources (warehouse/national.py), in Kiswahili.
LINES_TITLE = "Demonstration county budget line items — generated, not real"
EVENTS_TITLE = "Demonstration participation events in every ward — generated, not real"
OBSERVATIONS_TITLE = "Demonstration ward indicator observations — generated, not real"
SOURCE_TITLES_SW = {
    LINES_TITLE: "Vipengele vya bajeti ya kaunti vya mfano — vimetengenezwa, si halisi",
    EVENTS_TITLE: "Mikutano ya ushiriki wa umma ya mfano katika kila wadi — imetengenezwa, si halisi",
    OBSERVATIONS_TITLE: "Takwimu za viashiria vya wadi za mfano — zimetengenezwa, si halisi",
}
