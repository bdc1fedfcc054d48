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


def service_of(app, name):
    data = json.loads(cli(app.portfolio, "export", "--format", "json"))
    return next(s for s in data["services"] if s["name"] == name)


def test_the_levels_of_a_presented_analysis_are_applied_in_one_reviewed_step(app):
    app.go("#/analyser/1/2027")
    app.wait_text("main h1", lambda t: t == "Årlig analys – Intraservice 2027")
    # First what would change, service by service, old → new; nothing is written yet.
    app.click("#analysis-apply-preview")
    summary = app.wait_text("#analysis-apply-summary", lambda t: t != "")
    assert summary == "4 av 15 tjänster får en ny klassning. Ingenting är ändrat än.", summary
    listed = app.texts("#analysis-apply-list li.differs")
    assert "E-post och kalender: K2 R2 T3 → K2 R2 T4" in listed, listed
    assert "Projektledare digitalisering: hanterar ingen information → K1 R1 T1" in listed, listed
    assert "Datorarbetsplats: K2 R2 T2 (oförändrad)" in app.texts("#analysis-apply-list li"), "unchanged ones are listed"
    assert service_of(app, "E-post och kalender")["security"]["availability"]["level"] == 3, "the preview writes nothing"
    app.shot("analysis-apply-preview")

    # Confirmed, all of it at once, each change in the service's history with the analysis as its note.
    app.click("#analysis-apply-confirm")
    app.wait_text("#toast", lambda t: t == "4 tjänster har fått analysens nivå.")
    email = service_of(app, "E-post och kalender")
    assert email["security"]["availability"]["level"] == 4
    history = app.invoke("record_history", {"entity": "service", "id": email["id"]})
    assert history[0]["note"] == "Nivå enligt Årlig analys 2027 (Intraservice), presenterad för samordningsgruppen 2026-11-12", history[0]
    assert [f["field"] for f in history[0]["fields"]] == ["security"], history[0]

    # Nothing is left to change: the preview says so and offers no confirmation.
    app.wait_text("main h1", lambda t: t == "Årlig analys – Intraservice 2027")
    app.click("#analysis-apply-preview")
    app.wait_text("#analysis-apply-summary", lambda t: t.startswith("0 av 15 tjänster"))
    assert not app.driver.find_elements("css selector", "#analysis-apply-confirm")

    # An analysis only handed in has no such step: the group has not taken part of it yet.
    app.go("#/analyser/2/2027")
    app.wait_text("main h1", lambda t: t == "Årlig analys – Demokrati och medborgarservice 2027")
    assert not app.driver.find_elements("css selector", "#analysis-apply-preview")
    assert not app.driver.find_elements("css selector", ".make-initiative")


def test_an_investment_becomes_a_draft_initiative_and_a_need_a_services_planned_cost(app):
    app.go("#/analyser/1/2027")
    app.wait_text("main h1", lambda t: t == "Årlig analys – Intraservice 2027")
    # The first three investments are initiatives already, linked; the fourth is not.
    taken = app.texts(".analysis-investments .analysis-taken")
    assert len(taken) == 3 and taken[0].startswith("Satsningen är initiativet SLK-2026-00105"), taken
    app.click("#make-initiative-open-3")
    app.wait(lambda d: d.execute_script("return document.getElementById('initiative-case-3')?.value") == "SLK-2026-00130")
    assert app.driver.execute_script("return document.getElementById('initiative-title-3').value") == "Livscykelbyte av nätverksutrustning i stadens lokaler"

    # A case number already taken is refused beside its field, and nothing is written.
    app.fill_css("#initiative-case-3", "SLK-2026-00101")
    app.click("#make-initiative-confirm-3")
    message = app.wait_text("#initiative-case-3-message", lambda t: t != "")
    assert message == "Används redan av en annan post.", message
    data = json.loads(cli(app.portfolio, "export", "--format", "json"))
    assert len(data["initiatives"]) == len({i["case_number"] for i in data["initiatives"]})
    assert stored(app, 1, 2027)["investments"][3]["initiative_id"] is None

    app.fill_css("#initiative-case-3", "SLK-2026-00130")
    app.driver.execute_script(
        "const s = document.getElementById('initiative-state-3'); s.value = 'analys';"
        "s.dispatchEvent(new Event('change', {bubbles: true}));"
    )
    app.click("#make-initiative-confirm-3")
    app.wait_text("#toast", lambda t: t == "Initiativet SLK-2026-00130 är skapat från satsningen.")
    data = json.loads(cli(app.portfolio, "export", "--format", "json"))
    initiative = next(i for i in data["initiatives"] if i["case_number"] == "SLK-2026-00130")
    assert (initiative["track"], initiative["state"], initiative["provider_id"]) == ("gemensam", "analys", 1)
    assert [(c["year"], c["development"]) for c in initiative["costs"]] == [(2027, 250000000), (2028, 250000000), (2029, 250000000)]
    assert stored(app, 1, 2027)["investments"][3]["initiative_id"] == initiative["id"]
    link = app.wait_text('.analysis-investments fieldset[data-index="3"] .analysis-taken', lambda t: "SLK-2026-00130" in t)
    assert link.startswith("Satsningen är initiativet"), link
    history = app.invoke("record_history", {"entity": "initiative", "id": initiative["id"]})
    assert history[0]["note"] == "Från Årlig analys 2027 (Intraservice): satsning 4", history[0]

    # The first need goes into the planned development of its service, once.
    before = service_of(app, "Identitets- och behörighetshantering")
    app.click("#plan-need-0")
    app.wait_text("#toast", lambda t: t == "Behovets kostnad ligger nu i planerad utveckling för Identitets- och behörighetshantering.")
    after = service_of(app, "Identitets- och behörighetshantering")
    added = {c["year"]: c["development"] for c in after["costs"]}
    was = {c["year"]: c["development"] for c in before["costs"]}
    assert added[2027] - was.get(2027, 0) == 45000000 and added[2028] - was.get(2028, 0) == 15000000, (before, after)
    assert stored(app, 1, 2027)["development_needs"][0]["in_service_costs"] is True
    app.wait_text('.analysis-development_needs fieldset[data-index="0"] .analysis-taken', lambda t: t.startswith("Kostnaden ligger i tjänstens planerade utveckling"))
    app.shot("analysis-taken-into-portfolio")


def test_an_analysis_is_handed_in_only_with_its_content_and_the_list_shows_who_is_late(app):
    # Every provider for the year, with who is late (the engine's verdict by today's date).
    app.go("#/analyser")
    app.wait_text("main h1", lambda t: t == "Leverantörernas årliga analyser")
    app.fill_css("#analysis-year", "2027")
    rows = app.wait(lambda d: app.texts("#analysis-standings tbody tr") if len(app.texts("#analysis-standings tbody tr")) == 3 else None)
    inkop = next(r for r in rows if r.startswith("Inköp och upphandling"))
    assert "Utkast" in inkop and "2026-10-31" in inkop and "Försenad" in inkop, rows
    app.fill_css("#analysis-year", "2100")
    app.wait(lambda d: all("Saknas" in r and "2099-10-31" in r and "Nej" in r for r in app.texts("#analysis-standings tbody tr")) or None)

    # Handing in a draft without its direction and without saying "no requirements" is refused, by field, in Swedish.
    app.go("#/analyser/3/2027")
    app.wait_text("main h1", lambda t: t == "Årlig analys – Inköp och upphandling 2027")
    app.select("Status", "Inlämnad")
    app.fill_css('[data-field="submitted"] input', "2026-11-20")
    app.fill_css('[data-field="strategic_direction"] textarea', "")
    app.driver.execute_script("document.querySelector('.analysis-requirements fieldset .quiet').click()")
    app.click_text("button", "Spara")
    app.wait_text(".form-summary", lambda t: t != "")
    assert app.text('[data-field="strategic_direction"] .field-message') == "Fyll i fältet.", app.text('[data-field="strategic_direction"]')
    assert app.text('[data-field="requirements"] .field-message') == "Ange minst en, eller markera att det inte finns några."
    assert stored(app, 3, 2027)["state"] == "utkast", "nothing written"

    # Saying so, and giving the direction, hands it in.
    app.click_text("label", "Inga behov eller krav har kommit in")
    app.fill_css('[data-field="strategic_direction"] textarea', "Inköp blir digitalt hela vägen.")
    app.click_text("button", "Spara")
    app.wait_text("#toast", lambda t: t == "Sparat.")
    handed_in = stored(app, 3, 2027)
    assert (handed_in["state"], handed_in["no_requirements"], handed_in["requirements"]) == ("inlamnad", True, [])


def test_the_due_day_is_set_under_stadens_rutin_and_moves_who_is_late(app):
    app.go("#/parametrar")
    app.wait_text("main h1", lambda t: t == "Parametrar")
    assert app.text("#practice-analysis_due-note").startswith("Stadens rutin, inte riktlinjen"), app.text("#practice")
    app.fill(app.field("Dag"), "30")
    app.select("Månad", "september")
    app.click("button[type=submit].primary")
    app.wait(lambda d: json.loads(cli(app.portfolio, "export", "--format", "json"))["parameters"]["practice"]["analysis_due"]
             == {"month": 9, "day": 30})
    # Inköp och upphandling's draft is late from 1 October 2026 now, as the CLI judges it on that day.
    listed = json.loads(cli(app.portfolio, "analyses", "list", "--year", "2027", "--today", "2026-10-01", "--json"))
    assert [(s["provider"], s["late"]) for s in listed if s["late"]] == [("Inköp och upphandling", True)], listed
    # A day some years lack is refused beside the field.
    app.go("#/parametrar")
    app.wait_text("main h1", lambda t: t == "Parametrar")
    app.select("Månad", "februari")
    app.fill(app.field("Dag"), "29")
    app.click("button[type=submit].primary")
    message = app.wait_text('[data-field="practice.analysis_due.day"] .field-message', lambda t: t != "")
    assert "28" in message, message
