"""Untrusted text (titles, names, comments, imported files) is shown as text, never interpreted as HTML: hostile
strings saved through the real backend are visited in every view that shows them."""


HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'


def test_hostile_strings_stay_text_in_every_view(app):
    organisation = app.invoke(
        "save_organisation", {"record": {"id": 0, "name": f"Nämnd {HOSTILE}", "kind": "namnd", "parent_id": None}}
    )
    assert isinstance(organisation, int), organisation
    data = app.invoke("portfolio_data")
    initiative = next(i for i in data["initiatives"] if i["id"] == 1)
    initiative["title"] = f"Ny e-tjänsteplattform {HOSTILE}"
    initiative["description"] = f"<b>fet</b> {HOSTILE}"
    assert app.invoke("save_initiative", {"record": initiative}) == 1
    score = next(s for s in data["scores"] if s["item"] == "initiative:1")
    score["comment"] = HOSTILE
    assert isinstance(app.invoke("put_score", {"record": score}), int)

    # Load the data again, as after a restart.
    app.driver.refresh()
    app.find("body[data-ready=true]")
    routes = [
        "#/organisationer",
        "#/initiativ",
        "#/initiativ/1",
        "#/historik",
        "#/infor-motet",
        "#/livscykel",
        "#/moten/2",
        "#/rangordning",
        "#/oenighet",
        "#/poang",
        "#/import",
    ]
    for route in routes:
        app.arrive(route)
        app.find("body[data-ready=true]")
        injected = app.driver.execute_script(
            "return {pwned: window.__pwned ?? null, images: document.querySelectorAll('main img[src=\"x\"], main script').length,"
            " bold: document.querySelectorAll('main b').length}"
        )
        assert injected == {"pwned": None, "images": 0, "bold": 0}, f"{route}: {injected}"
    app.go("#/initiativ")
    app.wait(lambda d: HOSTILE in app.text("#initiative-table"))
    app.go("#/organisationer")
    app.wait(lambda d: f"Nämnd {HOSTILE}" in app.text("main"))
