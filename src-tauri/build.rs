//! Generates an `allow-…` permission for each app command; `capabilities/main.json` grants exactly these to the
//! main window and nothing else.

const COMMANDS: &[&str] = &[
    "app_state",
    "portfolio_data",
    "open_portfolio",
    "choose_and_open_portfolio",
    "choose_and_create_portfolio",
    "open_sample_portfolio",
    "choose_and_save_copy",
    "save_settings",
    "record_history",
    "recent_changes",
    "save_organisation",
    "delete_organisation",
    "check_organisation",
    "save_provider",
    "delete_provider",
    "check_provider",
    "save_service",
    "delete_service",
    "check_service",
    "save_initiative",
    "delete_initiative",
    "check_initiative",
    "save_member",
    "delete_member",
    "check_member",
    "save_criteria_set",
    "delete_criteria_set",
    "check_criteria_set",
    "copy_criteria_set",
    "put_score",
    "delete_score",
    "put_pairwise",
    "put_gate_result",
    "save_scenario",
    "delete_scenario",
    "check_scenario",
    "assessment",
    "selection",
    "save_funding_case",
    "delete_funding_case",
    "check_funding_case",
    "funding",
    "save_parameters",
    "check_parameters",
];

fn main() {
    let attributes = tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    tauri_build::try_build(attributes).expect("failed to run the Tauri build script");
}
