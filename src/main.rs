//! `samordna`: the command line over the engine, for scripting and batch work.
//! Exit code 0 on success, 2 for usage errors, 1 for anything else, with a one-line message on stderr.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    match cli::run(args, samordna::Timestamp::from(std::time::SystemTime::now())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(cli::Failure::Usage(message)) => {
            eprintln!("samordna: {message}");
            ExitCode::from(2)
        }
        Err(cli::Failure::Engine(error)) => {
            eprintln!("samordna: {error}");
            ExitCode::from(1)
        }
        Err(cli::Failure::Input(message)) => {
            eprintln!("samordna: {message}");
            ExitCode::from(1)
        }
    }
}
