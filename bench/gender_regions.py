"""World regions and ISO codes of the countries in ../shared/data/names_world_dev.csv.

The regions are those of names_world_dev_SOURCE.md; the development set's own groups (Nobel
laureates, US Congress) form the region "names_dev".
"""

from __future__ import annotations

__all__ = ["COUNTRY_ISO", "REGION"]

_REGIONS = {
    "Africa": "Algeria:DZ Botswana:BW Egypt:EG Kenya:KE Mali:ML Namibia:NA Senegal:SN "
    "Tanzania:TZ Uganda:UG Zambia:ZM",
    "Middle East and Central/South Asia": "Afghanistan:AF Bangladesh:BD Iran:IR Jordan:JO "
    "Kyrgyzstan:KG Nepal:NP Sri_Lanka:LK",
    "East and South-East Asia": "Cambodia:KH Indonesia:ID Malaysia:MY Philippines:PH Taiwan:TW "
    "Timor_Leste:TL",
    "Europe": "Albania:AL Armenia:AM Belarus:BY Bosnia_and_Herzegovina:BA Croatia:HR Denmark:DK "
    "Finland:FI Georgia:GE Greece:GR Hungary:HU Ireland:IE Latvia:LV Macedonia:MK "
    "Netherlands:NL Poland:PL Romania:RO Serbia:RS Spain:ES Sweden:SE Ukraine:UA",
    "Americas": "Argentina:AR Bolivia:BO Canada:CA Colombia:CO Guatemala:GT Mexico:MX Peru:PE "
    "United_States_of_America:US Venezuela:VE",
    "Oceania": "Australia:AU Fiji:FJ Papua_New_Guinea:PG Solomon_Islands:SB",
}
REGION: dict[str, str] = {
    pair.split(":")[0]: region for region, pairs in _REGIONS.items() for pair in pairs.split()
}
COUNTRY_ISO: dict[str, str] = {
    name: iso for pairs in _REGIONS.values() for name, iso in (p.split(":") for p in pairs.split())
}
