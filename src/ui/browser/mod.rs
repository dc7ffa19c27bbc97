//! The browser surface: the modules that reach the browser (fetch, storage, clipboard...), so the components
//! stay plain yew.

pub mod fetch;
