"""Before the next meeting: what is late or waiting, from the sample portfolio, in the real app."""


def test_the_dashboard_shows_what_is_late_and_waiting(app):
    app.go("#/infor-motet")
    app.wait_text("main h1", lambda t: t == "Inför nästa möte")
    # The sample's e-archive deviation was registered 2026-10-20 without a deadline: 30 days later it is late.
    deviations = app.text("#dash-deviations")
    assert "Leveransen av e-arkivets nya version är försenad" in deviations and "2026-11-19" in deviations, deviations
    waiting = app.texts("#dash-waiting li")
    assert any(w.startswith("SLK-2026-00101") for w in waiting), waiting
    assert len(app.texts("#dash-followed li")) == 8
    assert len(app.texts("#dash-frames tbody tr")) >= 1
    assert app.text("#alert") == ""
    app.shot("dashboard")


def test_the_lifecycle_board_shows_every_initiative_in_its_phase(app):
    app.go("#/livscykel")
    app.wait_text("main h1", lambda t: t == "Livscykel")
    assert len(app.texts(".board-card")) == 44
    preparation = app.texts('.board-column[data-phase="preparation"] .board-card')
    assert any("SLK-2026-00101" in c and "Väntar på SSG" in c for c in preparation), preparation
    app.select("Spår", "Verksamhetsspecifik")
    app.wait(lambda d: 0 < len(app.texts(".board-card")) < 44)
    app.shot("board")
