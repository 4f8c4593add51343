"""Where a regulation applies, as a code: 深圳市 -> ``CN-GD``, 全国 -> ``CN``.

A catalog names a jurisdiction as a reader writes it (深圳市, 河北省邯郸市, 重庆市, 全国).
Open data needs a code that a machine can match: ISO 3166-1 for the country and ISO
3166-2 for the province-level division (省, 自治区, 直辖市, 特别行政区) that holds the
place. The tables below are that data: the 34 divisions of ISO 3166-2:CN, and the cities
a catalog names without their province. Pure functions, no I/O.
"""

from __future__ import annotations

COUNTRY_CODE = "CN"
NATIONAL = ("全国", "中华人民共和国", "中国")

# The province-level divisions: full name, short name, ISO 3166-2 code.
PROVINCES = (
    ("北京市", "北京", "CN-BJ"),
    ("天津市", "天津", "CN-TJ"),
    ("河北省", "河北", "CN-HE"),
    ("山西省", "山西", "CN-SX"),
    ("内蒙古自治区", "内蒙古", "CN-NM"),
    ("辽宁省", "辽宁", "CN-LN"),
    ("吉林省", "吉林", "CN-JL"),
    ("黑龙江省", "黑龙江", "CN-HL"),
    ("上海市", "上海", "CN-SH"),
    ("江苏省", "江苏", "CN-JS"),
    ("浙江省", "浙江", "CN-ZJ"),
    ("安徽省", "安徽", "CN-AH"),
    ("福建省", "福建", "CN-FJ"),
    ("江西省", "江西", "CN-JX"),
    ("山东省", "山东", "CN-SD"),
    ("河南省", "河南", "CN-HA"),
    ("湖北省", "湖北", "CN-HB"),
    ("湖南省", "湖南", "CN-HN"),
    ("广东省", "广东", "CN-GD"),
    ("广西壮族自治区", "广西", "CN-GX"),
    ("海南省", "海南", "CN-HI"),
    ("重庆市", "重庆", "CN-CQ"),
    ("四川省", "四川", "CN-SC"),
    ("贵州省", "贵州", "CN-GZ"),
    ("云南省", "云南", "CN-YN"),
    ("西藏自治区", "西藏", "CN-XZ"),
    ("陕西省", "陕西", "CN-SN"),
    ("甘肃省", "甘肃", "CN-GS"),
    ("青海省", "青海", "CN-QH"),
    ("宁夏回族自治区", "宁夏", "CN-NX"),
    ("新疆维吾尔自治区", "新疆", "CN-XJ"),
    ("台湾省", "台湾", "CN-TW"),
    ("香港特别行政区", "香港", "CN-HK"),
    ("澳门特别行政区", "澳门", "CN-MO"),
)

# Cities a catalog names on their own, and the province that holds each.
CITY_PROVINCES = {
    "深圳市": "广东省",
    "邯郸市": "河北省",
    "铁岭市": "辽宁省",
}


def jurisdiction_code(place: str) -> str | None:
    """The ISO code of a place: ``CN`` for the whole country, ``CN-XX`` for a place in a
    province-level division (named first, 河北省邯郸市, or a city of ``CITY_PROVINCES``);
    None for a place these tables do not know."""
    place = "".join(place.split())
    if place in NATIONAL:
        return COUNTRY_CODE
    for city, province in CITY_PROVINCES.items():
        if place.startswith(city):
            place = province + place
            break
    for full, short, code in PROVINCES:
        if place.startswith((full, short)):
            return code
    return None
