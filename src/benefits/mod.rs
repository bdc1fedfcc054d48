//! Benefits realisation: the calculations the group expects of a benefits plan (net present value, internal rate
//! of return, simple and discounted payback).

pub mod calc;

pub use calc::{Appraisal, AppraisalText, CalcError, appraise, appraise_texts};
