"""The registers of opt-outs and deviations in the real app: the guideline's next step taken and stored, a step
that needs more refused inline; an avsteg from a framework; the city's practice step shown apart, and switched off
on the parameters page (issue 17, part C)."""

import json

from conftest import cli


def stored(app, deviation_id):
    data = json.loads(cli(app.portfolio, "export", "--format", "json"))
    return next(d for d in data["deviations"] if d["id"] == deviation_id)


def test_an_opt_out_takes_the_next_step_in_order(app):
    app.go("#/avvikelser")
    app.wait_text("main h1", lambda t: t == "Avsteg och avvikelser")
    rows = app.texts("#deviation-table tbody tr")
    assert len(rows) == 5
    opt_out = next(r for r in rows if "3D-samverkan" in r)
    assert "Fullständig skriftlig motivering" in opt_out, opt_out
    assert any("Klar" in r for r in rows)
    app.click('#deviation-table tr[data-id="1"] button')
    app.wait_text("#deviation-title", lambda t: t.startswith("Stadsbyggnadsnämnden vill behålla"))
    # The register fits beside the open form at 1366 px: every column, and "Försenad" under its date, in view.
    overflow = "const t = document.querySelector('#deviation-table'); return t.scrollWidth - t.parentElement.clientWidth"
    assert app.driver.execute_script(overflow) <= 0
    late = app.texts("#deviation-table tr.overdue td.deadline")
    assert late and all("Försenad" in cell for cell in late), late
    # The full written motivation needs its text: refused inline without it, and what was typed for the step stays.
    app.fill(app.find("#step-date"), "2026-11-20")
    app.fill(app.find("#step-note"), "Motiveringen skickad till nämnden.")
    app.click_text("button", "Markera klart: Fullständig skriftlig motivering")
    app.wait_text('[data-field="motivation"] .field-message', lambda t: t != "")
    assert len(stored(app, 1)["steps"]) == 3
    assert app.driver.execute_script("return document.querySelector('#step-date').value") == "2026-11-20"
    assert app.driver.execute_script("return document.querySelector('#step-note').value") == "Motiveringen skickad till nämnden."
    # A step's date in another form is named beside the step, not only counted.
    app.fill(app.field("Skriftlig motivering"), "BIM-modellerna är för stora för samarbetsplattformen.")
    app.fill(app.find("#step-date"), "20/11/2026")
    app.click_text("button", "Markera klart: Fullständig skriftlig motivering")
    app.wait_text("#step-message", lambda t: t != "")
    assert app.driver.execute_script("return document.querySelector('#step-note').value") == "Motiveringen skickad till nämnden."
    app.fill(app.find("#step-date"), "2026-11-20")
    app.click_text("button", "Markera klart: Fullständig skriftlig motivering")
    app.wait_text("#toast", lambda t: t == "Sparat.")
    app.wait_text(".next-step button", lambda t: t == "Markera klart: Beslut i kundens nämnd/styrelse")
    steps = stored(app, 1)["steps"]
    assert steps[-1] == {"step": "motivering", "date": "2026-11-20", "note": "Motiveringen skickad till nämnden."}
    app.shot("deviations")

    assert stored(app, 1)["motivation"] == "BIM-modellerna är för stora för samarbetsplattformen."
    # The board's decision needs an outcome and its date: refused inline, nothing stored.
    assert app.text("#decided-by") == "Anges när beslutet registreras"
    app.fill(app.find("#step-date"), "2026-11-27")
    app.click_text("button", "Markera klart: Beslut i kundens nämnd/styrelse")
    message = app.wait_text('[data-field="outcome"] .field-message', lambda t: t != "")
    assert message, message
    assert app.text('[data-field="decision_date"] .field-message') != ""
    assert len(stored(app, 1)["steps"]) == 4
    # With them, the decision is recorded as the nämnd's of the förvaltning that motivates the avsteg (riktlinjen,
    # "Avsteg från riktlinjen": "Berörd nämnd/bolagsstyrelse ska fatta beslut om avsteg"), never typed.
    app.select("Utfall", "Avsteg beviljat")
    app.fill(app.field("Beslutsdatum"), "2026-11-27")
    app.fill(app.find("#step-date"), "2026-11-27")
    app.click_text("button", "Markera klart: Beslut i kundens nämnd/styrelse")
    app.wait_text("#decided-by", lambda t: t == "Stadsbyggnadsnämnden")
    organisations = {o["id"]: o for o in json.loads(cli(app.portfolio, "export", "--format", "json"))["organisations"]}
    decided = stored(app, 1)
    assert organisations[decided["organisation_id"]]["name"] == "Stadsbyggnadskontoret"
    assert organisations[decided["decided_by_id"]]["name"] == "Stadsbyggnadsnämnden"
    assert len(decided["steps"]) == 5
    app.shot("deviations-decided")


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


def test_an_opt_out_from_a_framework_is_registered_without_a_service(app):
    app.go("#/avvikelser")
    app.wait_text("main h1", lambda t: t == "Avsteg och avvikelser")
    # The sample's avsteg from gemensam infrastruktur shows its framework where a service would be.
    harbour = next(r for r in app.texts("#deviation-table tbody tr") if "Hamnens logistiksystem" in r)
    assert "Gemensam infrastruktur" in harbour, harbour
    app.click_text("button", "Nytt avsteg")
    app.wait_text("#deviation-title", lambda t: t == "Nytt avsteg")
    app.select("Avsteg från", "Ett av stadens ramverk")
    app.wait(lambda d: app.texts('[data-field="framework"] label') == ["Ramverk"])
    assert not app.texts('[data-field="service_id"]'), "no service for an avsteg from a framework"
    app.select("Ramverk", "Gemensam arkitektur")
    app.select("Kund som gör avsteget", "Higab")
    app.fill(app.field("Rubrik"), "Eget integrationsmönster för fastighetssystemen")
    app.fill(app.field("Registrerad"), "2026-11-02")
    app.click("button[type=submit].primary")
    app.wait_text("#toast", lambda t: t == "Sparat.")
    data = json.loads(cli(app.portfolio, "export", "--format", "json"))
    new = next(d for d in data["deviations"] if d["title"] == "Eget integrationsmönster för fastighetssystemen")
    assert (new["service_id"], new["framework"]) == (None, "gemensam_arkitektur")
    assert new["deadline"] == "2026-12-02", "30 days: the city's practice by default"
    app.shot("deviations-framework")


def test_the_action_plan_step_is_the_citys_practice_shown_apart_and_switched_off_on_the_parameters_page(app):
    app.go("#/avvikelser")
    app.wait_text("main h1", lambda t: t == "Avsteg och avvikelser")
    app.click('#deviation-table tr[data-id="3"] button')
    app.wait_text("#deviation-title", lambda t: t.startswith("Leveransen av e-arkivets"))
    # Under "Stadens rutin", never under "Steg (riktlinjens, i stadens ordning)".
    assert "Åtgärdsplan beslutad" in app.text("#practice-steps")
    assert "Åtgärdsplan" not in app.text("#guideline-steps")
    assert app.text("#practice-steps-title") == "Stadens rutin"
    assert "inte riktlinjens krav" in app.text(".practice-steps")
    app.shot("deviations-practice")

    app.go("#/parametrar")
    app.wait_text("main h1", lambda t: t == "Parametrar")
    section = app.text("#practice")
    assert section.startswith("Stadens rutin"), section
    for note in ["action_plan_step", "deadline_days", "companies_invoiced", "grant_for_base_services", "analysis_due"]:
        assert app.text(f"#practice-{note}-note").startswith("Stadens rutin, inte riktlinjen"), note
    app.shot("parameters-practice")
    app.click("#practice [data-field='practice.action_plan_step'] input")
    app.fill(app.field("Tidsfrist för avvikelser och avsteg (dagar efter registrering)"), "14")
    app.click("button[type=submit].primary")
    app.wait(lambda d: json.loads(cli(app.portfolio, "export", "--format", "json"))["parameters"]["practice"]
             == {"action_plan_step": False, "deadline_days": 14, "companies_invoiced": True,
                 "grant_for_base_services": True, "analysis_due": {"month": 10, "day": 31}})

    # Switched off: the avvikelse goes straight to the report, and a new one's deadline is 14 days.
    app.go("#/avvikelser")
    app.wait_text("main h1", lambda t: t == "Avsteg och avvikelser")
    app.click('#deviation-table tr[data-id="3"] button')
    app.wait_text(".next-step button", lambda t: t == "Markera klart: Rapporterad i uppföljningen")
    assert not app.texts("#practice-steps")
    assert "14 dagar" in app.text('[data-field="deadline"] .hint')
