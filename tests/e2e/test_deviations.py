"""The registers of opt-outs and deviations in the real app: the guideline's next step taken and stored, a step
that needs more refused inline."""

import json

from conftest import cli


def stored(app, deviation_id):
    data = json.loads(cli(app.portfolio, "export", "--format", "json"))
    return next(d for d in data["deviations"] if d["id"] == deviation_id)


def test_an_opt_out_takes_the_next_step_in_order(app):
    app.go("#/avvikelser")
    app.wait_text("main h1", lambda t: t == "Avsteg och avvikelser")
    rows = app.texts("#deviation-table tbody tr")
    assert len(rows) == 4
    opt_out = next(r for r in rows if "3D-samverkan" in r)
    assert "Fullständig skriftlig motivering" in opt_out, opt_out
    assert any("Klar" in r for r in rows)
    app.click('#deviation-table tr[data-id="1"] button')
    app.wait_text("#deviation-title", lambda t: t.startswith("Stadsbyggnadsnämnden vill behålla"))
    app.fill(app.find("#step-date"), "2026-11-20")
    app.fill(app.find("#step-note"), "Motiveringen skickad till nämnden.")
    app.click_text("button", "Markera klart: Fullständig skriftlig motivering")
    app.wait_text("#toast", lambda t: t == "Sparat.")
    app.wait_text(".next-step button", lambda t: t == "Markera klart: Beslut i kundens nämnd/styrelse")
    steps = stored(app, 1)["steps"]
    assert steps[-1] == {"step": "motivering", "date": "2026-11-20", "note": "Motiveringen skickad till nämnden."}
    app.shot("deviations")

    # The board's decision needs an outcome: refused inline, nothing stored.
    app.fill(app.find("#step-date"), "2026-11-27")
    app.click_text("button", "Markera klart: Beslut i kundens nämnd/styrelse")
    message = app.wait_text('[data-field="outcome"] .field-message', lambda t: t != "")
    assert message, message
    assert len(stored(app, 1)["steps"]) == 4


def test_the_yearly_analysis_is_exported_from_the_app(app, tmp_path):
    folder = tmp_path / "handlingar"
    assert app.invoke("save_paper_settings", {"papersFolder": str(folder), "openAfterExport": False}) is None
    app.go("#/avvikelser")
    app.wait_text("main h1", lambda t: t == "Avsteg och avvikelser")
    app.fill(app.find("#report-year"), "2026")
    app.click("#export-report")
    toast = app.wait_text("#toast", lambda t: t.startswith("Sparad:"), timeout=30)
    report = folder / "Sammanställning av tjänsteleverantörernas årliga uppföljning 2026.pdf"
    assert str(report) in toast, toast
    assert report.read_bytes().startswith(b"%PDF-1.7")
