"""A look at the views in both languages (screenshots with E2E_SCREENSHOTS), and the criteria set
editor on the sample."""

import re


# A key of i18n.js shown instead of its text ('meeting.save'), for the areas the views below use.
UNTRANSLATED = re.compile(r"\b(?:meeting|benefit|deviation|dashboard|board|lifecycle|profile|report)\.[a-z_]+\b")


def tour(app, views, prefix, keys=False):
    """Opens every view in Swedish, then in English: the title as expected, no error (and with `keys`, no
    untranslated key)."""
    for language in ("sv", "en"):
        for index, (route, swedish, english) in enumerate(views):
            app.go(route)
            expected = swedish if language == "sv" else english
            app.wait_text("main h1", lambda t, expected=expected: t == expected)
            assert app.text("#alert") == "", f"{route}: {app.text('#alert')}"
            leaked = UNTRANSLATED.findall(app.text("main")) if keys else []
            assert not leaked, f"{route} ({language}): {leaked}"
            app.shot(f"{prefix}-{language}-{index}-{route.strip('#/').replace('/', '-')}")
        if language == "sv":
            app.click("#action-language")
            app.wait_text("#action-language", lambda t: t == "Svenska")


def test_prioritisation_views_render_in_both_languages(app):
    views = [
        ("#/kriterier", "Kriterieuppsättningar", "Criteria sets"),
        ("#/kriterier/1", "Kriterier 2026–2029", "Kriterier 2026–2029"),
        ("#/poang", "Poängsättning", "Scoring"),
        ("#/rangordning", "Rangordning", "Ranking"),
        ("#/oenighet", "Där ledamöterna är oeniga", "Where members disagree"),
        ("#/urval", "Urval inom ramarna", "Selection within the frames"),
        ("#/ledamoter", "Ledamöter i samordningsgruppen", "Members of the coordination group"),
    ]
    tour(app, views, "prio")


def test_the_criteria_set_editor_shows_anchors_and_gate_results(app):
    app.go("#/kriterier/1")
    app.wait_text("main h1", lambda t: t == "Kriterier 2026–2029")
    anchors = app.driver.find_elements("css selector", ".criterion .anchors input")
    assert len(anchors) == 9 * 5
    assert "Avgörande för att nå ett prioriterat mål i budgeten" in [a.get_attribute("value") for a in anchors]
    assert "Arkivlagen kräver" in app.driver.execute_script(
        "return [...document.querySelectorAll('.gate-cell input')].map(i => i.value).join(' ')"
    )
    app.go("#/rangordning")
    app.wait(lambda d: len(app.texts("#ranking-table tbody tr")) == 22)
    app.driver.find_element("css selector", "#ranking-table tbody tr td:nth-child(3)").click()
    app.wait(lambda d: len(app.texts("#cell-details tbody tr")) == 9)
    app.shot("prio-ranking-details")


def test_follow_up_views_render_in_both_languages(app):
    views = [
        ("#/infor-motet", "Inför nästa möte", "Before the next meeting"),
        ("#/livscykel", "Livscykel", "Lifecycle"),
        ("#/initiativ/2/nyttor", "Nyttorealiseringsplan", "Benefits realisation plan"),
        ("#/avvikelser", "Avsteg och avvikelser", "Opt-outs and deviations"),
        ("#/analyser", "Leverantörernas årliga analyser", "The providers' yearly analyses"),
        ("#/analyser/1/2027", "Årlig analys – Intraservice 2027", "Yearly analysis – Intraservice 2027"),
        ("#/moten", "Möten", "Meetings"),
        ("#/moten/1", "Möte 2026-10-15", "Meeting 2026-10-15"),
        ("#/dokumentprofil", "Dokumentprofil", "Document profile"),
    ]
    tour(app, views, "follow", keys=True)
