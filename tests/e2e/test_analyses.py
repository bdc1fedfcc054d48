"""The providers' yearly analysis in the real app: the list, one analysis edited (its strategic direction and one
service's security level, whose difference from the current classification the engine reports), saved, and its
paper exported and read back with pdftotext."""

import json
import subprocess

from conftest import cli


def stored(app, provider_id, year):
    data = json.loads(cli(app.portfolio, "export", "--format", "json"))
    return next(a for a in data["yearly_analyses"] if a["provider_id"] == provider_id and a["year"] == year)


def set_level(app, service_name, aspect, level):
    """Chooses the level of one aspect of one service in the security table (through the DOM, as `select` does)."""
    chosen = app.driver.execute_script(
        "const [name, aspect, level] = arguments;"
        "const row = [...document.querySelectorAll('#analysis-security-table tbody tr')]"
        "  .find(r => r.querySelector('th').textContent === name);"
        "if (!row) return false;"
        "const select = row.querySelector(`select[data-aspect=\"${aspect}\"]`);"
        "select.value = String(level); select.dispatchEvent(new Event('change', {bubbles: true}));"
        "return true;",
        service_name,
        aspect,
        level,
    )
    assert chosen, service_name


def test_an_analysis_is_edited_and_its_paper_exported(app, tmp_path):
    app.go("#/analyser")
    app.wait_text("main h1", lambda t: t == "Leverantörernas årliga analyser")
    rows = app.texts("#analysis-table tbody tr")
    assert len(rows) == 3 and all("2027" in r for r in rows), rows
    assert any("Intraservice" in r and "Presenterad för samordningsgruppen" in r for r in rows), rows

    app.click_text("a", "Intraservice")
    app.wait_text("main h1", lambda t: t == "Årlig analys – Intraservice 2027")
    app.wait_text("#analysis-differences", lambda t: t == "4 av 15 tjänster får en annan nivå än i dag.")
    differing = app.texts("#analysis-security-table tbody tr.differs")
    assert any("E-post och kalender" in r and "T höjs från 3 till 4" in r for r in differing), differing

    # One more service gets another level: the engine's comparison marks it, in words.
    set_level(app, "Datorarbetsplats", "availability", 3)
    app.wait_text("#analysis-differences", lambda t: t == "5 av 15 tjänster får en annan nivå än i dag.")
    row = next(r for r in app.texts("#analysis-security-table tbody tr.differs") if "Datorarbetsplats" in r)
    assert "T höjs från 2 till 3" in row, row

    direction = app.find('[data-field="strategic_direction"] textarea')
    app.fill(direction, "Färre och säkrare plattformar för hela staden.")
    app.click_text("button", "Spara")
    app.wait_text("#toast", lambda t: t == "Sparat.")
    analysis = stored(app, 1, 2027)
    assert analysis["strategic_direction"] == "Färre och säkrare plattformar för hela staden."
    desktop = next(level for level in analysis["security_levels"] if level["service_id"] == 2)
    assert desktop["security"]["availability"]["level"] == 3
    app.shot("analysis")

    folder = tmp_path / "handlingar"
    assert app.invoke("save_paper_settings", {"papersFolder": str(folder), "openAfterExport": False}) is None
    app.wait_text("main h1", lambda t: t == "Årlig analys – Intraservice 2027")
    app.click("#export-analysis-paper")
    toast = app.wait_text("#toast", lambda t: t.startswith("Sparad:"), timeout=30)
    paper = folder / "Årlig analys Intraservice 2027.pdf"
    assert str(paper) in toast, toast
    text = " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(paper), "-"], capture_output=True, text=True, check=True).stdout.split())
    assert "Årlig analys – Intraservice 2027" in text, text
    assert "Färre och säkrare plattformar för hela staden." in text, text
    assert "Datorarbetsplats K2 R2 T2 K2 R2 T3 T höjs, från 2 till 3" in text, text


def test_an_analysis_sheet_is_previewed_then_imported_on_confirmation(app, tmp_path):
    folder = tmp_path / "handlingar"
    assert app.invoke("save_paper_settings", {"papersFolder": str(folder), "openAfterExport": False}) is None
    app.go("#/analyser/1/2027")
    app.wait_text("main h1", lambda t: t == "Årlig analys – Intraservice 2027")
    app.click("#export-analysis-sheet")
    app.wait_text("#toast", lambda t: ".xlsx" in t, timeout=30)
    (sheet,) = folder.glob("*.xlsx")

    # Next year's analysis, from this year's sheet: first what it would be, with nothing written.
    app.go("#/analyser/1/2028")
    app.wait_text("main h1", lambda t: t == "Årlig analys – Intraservice 2028")
    app.stub_dialog("choose_sheet", str(sheet))
    app.click("#import-analysis-sheet")

    preview = app.wait_text("#analysis-import-preview", lambda t: "Ingenting är ändrat än" in t, timeout=30)
    assert "blir årets analys" in preview and "15 säkerhetsnivåer" in preview, preview
    data = json.loads(cli(app.portfolio, "export", "--format", "json"))
    assert not any(a["provider_id"] == 1 and a["year"] == 2028 for a in data["yearly_analyses"]), "nothing written"
    app.click("#analysis-import-cancel")
    assert not app.driver.find_elements("css selector", "#analysis-import-preview")

    app.click("#import-analysis-sheet")
    app.wait_text("#analysis-import-preview", lambda t: "Ingenting är ändrat än" in t, timeout=30)
    app.click("#analysis-import-confirm")
    app.wait_text("#toast", lambda t: t == "Den årliga analysen är inläst från kalkylarket.", timeout=30)
    imported = stored(app, 1, 2028)
    assert imported["strategic_direction"] == stored(app, 1, 2027)["strategic_direction"]
    assert len(imported["security_levels"]) == 15
