"""The demo's report, read back with pypdf: structure, numbers, fonts, vectors."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import StreamObject

from mixplan.engine import evaluate
from mixplan.model import Project
from tests.report.conftest import outline_titles, pdf_text

NNBSP = "\u202f"
# The report writes a no-break space (U+00A0) before "m²"; DejaVu Sans draws it
# with the glyph of the plain space, so the extracted text has U+0020 there.
UNIT_SPACE = " "


def _fr_area(value: float) -> str:
    # Hand-formatted: thousands with U+202F, no decimals, then the unit.
    return f"{round(value):,}".replace(",", NNBSP) + f"{UNIT_SPACE}m²"


def _en_area(value: float) -> str:
    return f"{round(value):,}{UNIT_SPACE}m²"


def test_outline_follows_the_document_structure(
    demo_pdf_fr: Path, demo_project: Project
) -> None:
    top = [
        (title, page)
        for level, title, page in outline_titles(demo_pdf_fr)
        if level == 0
    ]
    names = [s.name for s in demo_project.scenarios]
    # the default baseline name "Existing" is printed "Existant" in French
    shown = "Existant" if names[0] == "Existing" else names[0]
    expected = (
        [demo_project.name, "Synthèse", f"État existant\u00a0: {shown}"]
        + [f"Scénario\u00a0: {n}" for n in names[1:]]
        + [
            "Comparaison des scénarios",
            "Bilans financiers comparés",
            "Annexe\u00a0: règles et hypothèses en vigueur",
            "Annexe\u00a0: classes d'usage",
            "Hypothèses financières",
        ]
    )
    assert [t for t, _ in top] == expected
    pages = [p for _, p in top]
    assert pages == sorted(pages) and pages[0] == 1 and pages[1] == 2
    # each scenario section has its plan, massing, stacking, balance, indicators
    # and findings, in that order
    subs = [t for level, t, _ in outline_titles(demo_pdf_fr) if level == 1]
    section = [
        "Plan de masse",
        "Volumétrie",
        "Empilement des usages",
        "Bilan des surfaces productives",
        "Indicateurs",
        "Constats",
    ]
    # every scenario but the baseline also has its financial balance page, and
    # a phased scenario (the demo's "Hôtel d'activités") its phasing page
    expected_subs = ["Conclusions", *section]
    for name in names[1:]:
        expected_subs += [*section, f"Bilan financier — {name}"]
        if name == "Hôtel d'activités":
            expected_subs.append(f"Phasage et continuité d'activité — {name}")
    assert subs == expected_subs


def test_page_numbers_and_running_header(
    demo_pdf_fr: Path, demo_project: Project
) -> None:
    pages = pdf_text(demo_pdf_fr)
    total = len(pages)
    assert 15 <= total <= 40
    assert "Page" not in pages[0]  # the cover has no header or footer
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} / " in page
        assert f"\n{total}" in page or page.endswith(str(total))
        assert demo_project.name in page
        assert "26 novembre 2026" in page


def test_summary_numbers_are_the_engines(
    demo_pdf_fr: Path, demo_project: Project
) -> None:
    summary = pdf_text(demo_pdf_fr)[1]
    assert "Synthèse" in summary
    for scenario in demo_project.scenarios:
        ind = evaluate(demo_project, scenario.name).indicators
        name = "Existant" if scenario.name == "Existing" else scenario.name
        assert name in summary
        expected = [
            _fr_area(ind["sdp_m2"]),
            _fr_area(ind["sdp_by_family_m2"]["housing"]),
            _fr_area(ind["productive_sdp_m2"]),
            f"{ind['productive_retention'] * 100:.1f}".replace(".", ",") + f"{NNBSP}%",
            f"{ind['far']:.2f}".replace(".", ","),
            f"{round(ind['dwellings']):,}".replace(",", NNBSP),
            f"{round(ind['jobs']):,}".replace(",", NNBSP),
        ]
        for text in expected:
            assert text in summary, (scenario.name, text)


def test_key_rules_and_verdicts_follow_the_findings(
    demo_pdf_fr: Path, demo_project: Project
) -> None:
    summary = pdf_text(demo_pdf_fr)[1]
    failing = [
        s.name
        for s in demo_project.scenarios[1:]
        if any(
            f.rule == "C09" and f.severity == "error"
            for f in evaluate(demo_project, s.name).findings
        )
    ]
    assert failing, "the demo has a scenario that loses productive floor area"
    for name in failing:
        assert f"{name} ne respecte pas C09" in summary
    passing = [s.name for s in demo_project.scenarios[1:] if s.name not in failing]
    for name in passing:
        findings = evaluate(demo_project, name).findings
        if not any(
            f.rule in ("C09", "D01", "C13", "C15")
            and f.severity in ("error", "warning")
            for f in findings
        ):
            assert f"{name} respecte les quatre règles clés" in summary
    assert "✗ non conforme" in summary and "✓ conforme" in summary


def test_scenario_pages_carry_scales_legends_and_findings(
    demo_pdf_fr: Path, demo_project: Project
) -> None:
    text = "\n".join(pdf_text(demo_pdf_fr))
    assert text.count("Plan à l'échelle 1:") == len(demo_project.scenarios)
    for scenario in demo_project.scenarios:
        for finding in evaluate(demo_project, scenario.name).findings[:3]:
            assert finding.rule in text
    assert "Pleine terre" in text and "Périmètre du site" in text
    assert "Surface de plancher" in text


def test_vector_figures_without_raster_and_embedded_fonts(
    demo_pdf_fr: Path, demo_project: Project
) -> None:
    reader = PdfReader(str(demo_pdf_fr))
    fonts: set[str] = set()
    for page in reader.pages:
        resources = page["/Resources"]
        for xobject in (resources.get("/XObject") or {}).values():
            assert xobject.get_object().get("/Subtype") != "/Image"
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
            descriptor = font.get("/FontDescriptor")
            if font.get("/Subtype") == "/Type0":
                descriptor = (
                    font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
                )
            assert "/FontFile2" in descriptor.get_object(), font["/BaseFont"]
    assert fonts == {"/AAAAAA+DejaVuSans", "/AAAAAA+DejaVuSans-Bold"}
    # The plan of each scenario: one even-odd filled path per building at least.
    outline = outline_titles(demo_pdf_fr)
    plan_pages = [page for level, title, page in outline if title == "Plan de masse"]
    for scenario, page_number in zip(demo_project.scenarios, plan_pages, strict=True):
        stream = reader.pages[page_number - 1].get_contents().get_data()
        fills = stream.count(b"f*") + stream.count(b"B*")
        assert fills >= len(scenario.buildings)


def test_every_stream_is_compressed_at_the_reports_level(demo_pdf_fr: Path) -> None:
    import zlib

    from mixplan.report.document import STREAM_COMPRESSION_LEVEL

    assert STREAM_COMPRESSION_LEVEL == 4
    reader = PdfReader(str(demo_pdf_fr))
    streams = 0
    for number in range(1, int(reader.trailer["/Size"])):
        obj = reader.get_object(number)
        if not isinstance(obj, StreamObject):
            continue
        raw = obj._data  # the stream as stored in the file, still compressed
        assert obj.get("/Filter") in ("/FlateDecode", ["/FlateDecode"]), obj
        # RFC 1950: the second header byte's top two bits are the level class,
        # 1 for zlib levels 2 to 5 (zlib's default, 6, writes 0x9C)
        assert raw[0] == 0x78 and raw[1] >> 6 == 1, (number, raw[:2])
        zlib.decompress(raw)
        streams += 1
    # the pages, the page-total form, the two embedded fonts' files
    assert streams >= len(reader.pages) + 3, streams


def test_english_report(demo_pdf_en: Path, demo_project: Project) -> None:
    pages = pdf_text(demo_pdf_en)
    summary = pages[1]
    assert "Summary" in summary and "Floor area (SDP)" in summary
    for scenario in demo_project.scenarios:
        ind = evaluate(demo_project, scenario.name).indicators
        assert _en_area(ind["sdp_m2"]) in summary
        assert f"{ind['far']:.2f}" in summary
    text = "\n".join(pages)
    assert "Page 2 of " in pages[1]
    assert "26 November 2026" in pages[1]
    assert "Annex: rules and assumptions in force" in text
    assert "Synthèse" not in text and "Surface de plancher (SDP)" not in text
    assert NNBSP not in summary  # English groups thousands with commas
