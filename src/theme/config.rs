//! Moved: the host's configuration (manifest shape, featured claims, notices) is read in
//! [`crate::host_config`], typed, once. These names stay for code written against the old home.

pub use crate::host_config::{
    check_manifest, claim_ids, notice, parse_claims, parse_json, shorten, Claims, ManifestError,
    ManifestSource as Manifest, MAX_MANIFEST_LEN,
};
