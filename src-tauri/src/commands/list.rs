// The commands the UI may invoke, by module in `commands/`: the one list of them. `main.rs` registers these with
// `tauri::generate_handler!`; `build.rs` includes this file to generate an `allow-<command>` permission per command
// and the `allow-all-commands` set that `capabilities/main.json` grants the main window. A command missing here
// cannot be invoked; `commands/tests.rs` checks this list against the modules, the permissions, the capability and
// `ui/js/backend.js`. (Plain comments: `build.rs` includes the file where inner doc comments may not stand.)

/// Calls the macro `$apply` with every command, as `module: command, command, …;` per module.
macro_rules! for_each_command {
    ($apply:ident) => {
        $apply! {
            portfolio:
                app_state, portfolio_data, open_portfolio, choose_and_open_portfolio, choose_and_create_portfolio,
                open_sample_portfolio, choose_and_save_copy, save_settings, record_history, recent_changes, backups,
                make_backup, restore_backup, app_ready;
            records:
                dependents, save_organisation, delete_organisation, check_organisation, save_provider, delete_provider,
                check_provider, save_service, delete_service, check_service, save_initiative, delete_initiative,
                check_initiative, appraise_benefits, save_benefit, delete_benefit, check_benefit, benefit_statuses,
                initiative_transitions, move_initiative, initiative_latest_step, undo_initiative_step, save_deviation,
                delete_deviation, check_deviation, deviation_facts, today, service_standings;
            prioritisation:
                save_member, delete_member, check_member, save_criteria_set, delete_criteria_set, check_criteria_set,
                copy_criteria_set, put_score, delete_score, put_pairwise, put_gate_result, save_scenario,
                delete_scenario, check_scenario, assessment, selection, selection_progress;
            funding:
                save_funding_case, new_funding_case, delete_funding_case, check_funding_case, funding, save_parameters, check_parameters;
            meetings:
                save_meeting, delete_meeting, check_meeting, record_decision, delete_decision, approve_minutes,
                meeting_corrections, choose_and_add_attachment, delete_attachment, save_document_profile,
                check_document_profile, choose_logo, save_paper_settings, choose_papers_folder, export_paper,
                export_report, export_sheet;
            packages:
                export_package, choose_responses, preview_responses, import_responses, response_status, choose_package,
                open_package_file, opened_package, close_package, open_package_paper, save_response, choose_sheet,
                preview_sheet, import_sheet;
            analyses:
                save_analysis, delete_analysis, check_analysis, draft_analysis, analysis_comparison,
                export_analysis_paper, attach_analysis, preview_analysis_sheet, import_analysis_sheet,
                analysis_standings, analysis_round, analysis_level_changes, apply_analysis_levels,
                suggested_case_number, initiative_from_investment, need_into_service_costs;
            budget:
                save_decided_frame, delete_decided_frame, check_decided_frame, budget, export_budget_paper,
                export_budget_sheet;
            follow_up:
                save_actual_outcome, delete_actual_outcome, check_actual_outcome, follow_up;
        }
    };
}
