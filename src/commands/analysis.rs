//! `report` and `dot`.

use super::CommandError;
use stancetrack::cli::{DotArgs, ReportArgs};
use std::process::ExitCode;

/// `stancetrack report`.
pub fn report(_args: ReportArgs) -> Result<ExitCode, CommandError> {
    Err(CommandError::usage("report is not wired yet"))
}

/// `stancetrack dot`.
pub fn dot(_args: DotArgs) -> Result<ExitCode, CommandError> {
    Err(CommandError::usage("dot is not wired yet"))
}
