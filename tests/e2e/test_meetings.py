"""Meetings in the real app: the list, reordering the agenda by button and keyboard, recording a decision live,
approving the minutes, and exporting papers as PDF into the papers folder."""

import json
import subprocess

from conftest import cli


def meetings(app):
    return {m["date"]: m for m in json.loads(cli(app.portfolio, "meetings", "list", "--json"))}


def test_the_meeting_list_and_planner_show_the_sample(app):
    app.go("#/moten")
    app.wait_text("main h1", lambda t: t == "Möten")
    rows = app.texts("table.meetings tbody tr")
    assert len(rows) == 4
    assert "2026-12-17" in rows[0] and "Planerat" in rows[0]
    assert "2026-12-03" in rows[1] and "Planerat" in rows[1]
    assert "2026-10-15" in rows[2] and "Protokollet justerat" in rows[2]
    assert "2026-05-21" in rows[3] and "Protokollet justerat" in rows[3]
    app.shot("meetings-list")
    app.click("table.meetings tbody tr:nth-child(2) a")
    app.wait_text("main h1", lambda t: t == "Möte 2026-12-03")
    titles = app.texts(".agenda-item .item-title")
    assert titles[:4] == ["Mötets öppnande", "Val av justerare", "Godkännande av dagordningen", "Anmälan om jäv"]
    assert titles[5] == "Ny e-tjänsteplattform"
    assert "2 bilagor" in app.text(".agenda-item:nth-child(6) .item-head")
    assert len(app.texts("table.people tbody tr")) == 11
    assert app.text("#alert") == ""
    app.shot("meetings-planner")


def test_a_new_meeting_starts_with_the_standard_opening_items(app):
    app.go("#/moten/nytt")
    app.wait_text("main h1", lambda t: t == "Nytt möte")
    # The engine's opening items (sent in its vocabulary), removable like any item.
    assert app.texts(".agenda-item .item-title") == ["Mötets öppnande", "Val av justerare", "Godkännande av dagordningen", "Anmälan om jäv"]
    app.shot("meetings-new")


def test_the_agenda_reorders_by_button_and_keyboard_and_saves(app):
    app.go("#/moten/2")
    app.wait_text("main h1", lambda t: t == "Möte 2026-12-03")
    before = app.texts(".agenda-item .item-title")
    app.click('.agenda-item:nth-child(5) button[aria-label="Flytta ned Budgetförslag 2027: ramar för gemensamma insatser"]')
    app.wait(lambda d: app.texts(".agenda-item .item-title")[5] == before[4])
    assert "är nu ärende 6" in app.wait_text("#toast", lambda t: t != "")
    # Keyboard: focus the handle of the eighth item and move it up with Alt+Up.
    handle = app.find(".agenda-item:nth-child(8) .handle")
    app.driver.execute_script(
        "arguments[0].focus();"
        "arguments[0].dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowUp', altKey: true, bubbles: true}));",
        handle,
    )
    expected = [*before[:4], before[5], before[4], before[7], before[6], *before[8:]]
    app.wait(lambda d: app.texts(".agenda-item .item-title") == expected)
    assert app.driver.execute_script("return document.activeElement.classList.contains('handle')")
    app.click_text("button", "Spara mötet")
    app.wait_text("#toast", lambda t: t == "Sparat.")
    stored = [item["title"] for item in meetings(app)["2026-12-03"]["items"]]
    assert stored == expected


def choose_outcome(app, card, outcome):
    """Chooses a decision card's outcome, as the secretary does from its list."""
    app.driver.execute_script(
        "const s = document.querySelector(arguments[0]); s.value = arguments[1]; s.dispatchEvent(new Event('change'))",
        f"{card} select",
        outcome,
    )


def test_a_decision_recorded_live_numbers_the_paragraphs_and_moves_the_initiative(app):
    app.go("#/moten/2")
    app.wait_text("main h1", lambda t: t == "Möte 2026-12-03")
    card = '.decision-card[data-item-id="8"]'
    text = app.find(f"{card} textarea")
    assert text.get_attribute("value").startswith("Samordningsgruppen prioriterar insatsen för planeringsperioden")
    # The outcome is chosen, never assumed: without one, nothing is recorded.
    assert app.driver.execute_script(f"return document.querySelector('{card} select').value") == ""
    app.click(f"{card} button.primary")
    app.wait_text(f"{card} .field-message", lambda t: "utfall" in t)
    choose_outcome(app, card, "prioriterad")
    app.click(f"{card} button.primary")
    app.wait_text("#toast", lambda t: t == "Beslutet är protokollfört. 1 initiativ har flyttats.")
    app.wait(lambda d: app.text(f"{card} h3").startswith("§ "))
    # The card says what the decision moved.
    assert "SLK-2026-00101 Ny e-tjänsteplattform: Värderad av SSG → Prioriterad" in app.text(f"{card} .decision-effects")
    listed = meetings(app)["2026-12-03"]
    assert [item["paragraph"] for item in listed["items"]] == list(range(37, 37 + len(listed["items"])))
    assert len(listed["items"]) == 12, "the opening items, then an item about a service and the set's valuation"
    assert [item["number"] for item in listed["items"] if item["valuation"]] == [11]
    assert listed["items"][5]["decided"] is True
    shown = json.loads(cli(app.portfolio, "initiatives", "show", "SLK-2026-00101", "--json"))
    assert shown["state"] == "prioriterad"
    app.shot("meetings-decision")


def test_papers_export_into_the_papers_folder_and_minutes_approve(app, tmp_path):
    folder = tmp_path / "handlingar"
    result = app.invoke("save_paper_settings", {"papersFolder": str(folder), "openAfterExport": False})
    assert result is None, result
    app.go("#/moten/1")
    app.wait_text("main h1", lambda t: t == "Möte 2026-10-15")
    app.click_text("button", "Mötespaket")
    toast = app.wait_text("#toast", lambda t: t.startswith("Sparad:"), timeout=30)
    packet = folder / "Mötespaket 2026-10-15.pdf"
    assert str(packet) in toast, toast
    assert packet.read_bytes().startswith(b"%PDF-1.7")
    info = subprocess.run(["pdfinfo", str(packet)], capture_output=True, text=True, check=True).stdout
    assert "Mötespaket – Strategisk samordningsgrupp för digitalisering 2026-10-15" in info
    # Only item 2 in the packet this time: fewer pages, the second file beside the first.
    app.click(".packet-choice summary")
    app.driver.execute_script(
        "for (const box of document.querySelectorAll('input[data-packet-item]')) box.checked = box.dataset.packetItem === '2';"
    )
    app.click_text("button", "Mötespaket")
    app.wait_text("#toast", lambda t: "Mötespaket 2026-10-15 (2).pdf" in t, timeout=30)
    pages = lambda path: int(next(l for l in subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout.splitlines() if l.startswith("Pages:")).split()[-1])
    assert pages(folder / "Mötespaket 2026-10-15 (2).pdf") < pages(packet)
    # The same paper again does not overwrite the first.
    app.click_text("button", "Protokoll")
    app.wait_text("#toast", lambda t: "Protokoll 2026-10-15.pdf" in t, timeout=30)
    app.click_text("button", "Protokoll")
    app.wait_text("#toast", lambda t: "Protokoll 2026-10-15 (2).pdf" in t, timeout=30)
    text = subprocess.run(["pdftotext", str(folder / "Protokoll 2026-10-15.pdf"), "-"], capture_output=True, text=True, check=True).stdout
    assert "§ 34 Säker videokommunikation med invånare" in text

    # Approving the upcoming meeting's minutes after recording a decision.
    app.go("#/moten/2")
    app.wait_text("main h1", lambda t: t == "Möte 2026-12-03")
    choose_outcome(app, '.decision-card[data-item-id="7"]', "beslutad")
    app.click('.decision-card[data-item-id="7"] button.primary')
    app.wait_text("#toast", lambda t: t == "Beslutet är protokollfört.")
    # The meeting is drawn again once its package status is loaded: the approval button is the new view's.
    app.find('.decision-card.decided[data-item-id="7"]')
    # Approving asks who checked the minutes (the meeting's justerare by default) and for confirmation.
    app.click("#approve-minutes")
    checker = app.find("#approve-checker")
    assert checker.get_attribute("value") == "Johan Lindberg"
    assert "Justera protokollet från 2026-12-03" in app.text("#approve-title")
    app.shot("meetings-approve-dialog")
    app.click("#approve-cancel")
    assert meetings(app)["2026-12-03"]["approved"] is False, "cancelled: nothing approved"
    app.click("#approve-minutes")
    app.fill(app.find("#approve-checker"), "")
    app.click("#approve-confirm")
    assert app.wait_text("#approve-dialog .field-message", lambda t: t != "") == "Ange vem som justerar protokollet."
    app.fill(app.find("#approve-checker"), "Maria Haddad")
    app.click("#approve-confirm")
    app.wait_text("#toast", lambda t: t == "Protokollet är justerat.")
    app.wait_text(".approval .banner", lambda t: t.startswith("Protokollet justerades"))
    assert "av Maria Haddad" in app.text(".approval .banner")
    assert meetings(app)["2026-12-03"]["approved"] is True
    minutes = folder / "Protokoll 2026-12-03.pdf"
    app.click_text("button", "Protokoll")
    app.wait_text("#toast", lambda t: "Protokoll 2026-12-03.pdf" in t, timeout=30)
    text = subprocess.run(["pdftotext", str(minutes), "-"], capture_output=True, text=True, check=True).stdout
    assert "av Maria Haddad." in text and "okänd" not in text, text
    app.shot("meetings-approved")


def test_the_document_profile_edits_the_papers_wording(app):
    app.go("#/dokumentprofil")
    app.wait_text("main h1", lambda t: t == "Dokumentprofil")
    assert app.find("img.logo-preview").get_attribute("src").startswith("data:image/png;base64,")
    app.type("Förvaltning", "Intraservice")
    app.click_text("button", "Spara")
    app.wait_text("#toast", lambda t: t == "Sparat.")
    exported = json.loads(cli(app.portfolio, "export", "--format", "json"))
    assert exported["document_profile"]["office"] == "Intraservice"
    app.fill(app.field("Organisation"), "")
    app.click_text("button", "Spara")
    message = app.wait_text('[data-field="organisation"] .field-message', lambda t: t != "")
    assert "Organisation" in message or "krävs" in message or "Fyll i" in message, message


def test_the_meeting_views_render_in_english(app):
    app.click("#action-language")
    app.wait_text("#action-language", lambda t: t == "Svenska")
    views = [
        ("#/moten", "Meetings"),
        ("#/moten/2", "Meeting 2026-12-03"),
        ("#/moten/nytt", "New meeting"),
        ("#/dokumentprofil", "Document profile"),
    ]
    for route, title in views:
        app.go(route)
        app.wait_text("main h1", lambda t, title=title: t == title)
        assert app.text("#alert") == "", f"{route}: {app.text('#alert')}"
        app.shot(f"meetings-en-{route.strip('#/').replace('/', '-')}")
        if route == "#/moten/2":
            assert app.texts(".export-panel .export-buttons button") == ["Notice", "All decision memos", "Meeting packet", "Minutes"]
            assert app.texts("#responses .export-buttons button") == ["Export member package…", "Import responses…"]
            assert app.wait_text("#response-table caption", lambda t: t != "") == "0 of 9 members have responded"


def test_an_items_prefilled_fields_follow_a_changed_link_and_what_was_written_stays(app):
    app.go("#/moten/2")
    app.wait_text("main h1", lambda t: t == "Möte 2026-12-03")
    app.click_text("button", "Lägg till beslutsärende")
    data = json.loads(cli(app.portfolio, "export", "--format", "json"))
    first, second, third = data["initiatives"][:3]
    editor = ".item-editor"

    def link(initiative):
        app.driver.execute_script(
            "const s = document.querySelector(arguments[0]); s.value = String(arguments[1]);"
            "s.dispatchEvent(new Event('change', {bubbles: true}))",
            f'{editor} [data-field$="initiative_id"] select',
            initiative["id"],
        )

    def value(field):
        return app.driver.execute_script(
            "return document.querySelector(arguments[0]).value", f'{editor} [data-field$=".{field}"] input, {editor} [data-field$=".{field}"] textarea'
        )

    link(first)
    app.wait(lambda d: value("title") == first["title"])
    assert value("case_number") == first["case_number"]
    # Linked to another initiative: what the first filled in follows (it went stale before).
    link(second)
    app.wait(lambda d: value("title") == second["title"])
    assert value("case_number") == second["case_number"]
    assert value("summary") == (second.get("description") or "")
    # What the secretary wrote stays.
    summary = app.find(f'{editor} [data-field$=".summary"] textarea')
    app.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", summary)
    app.wait(lambda d: summary.is_displayed() and summary.is_enabled())
    app.fill(summary, "Egen sammanfattning.")
    link(third)
    app.wait(lambda d: value("title") == third["title"])
    assert value("summary") == "Egen sammanfattning."
