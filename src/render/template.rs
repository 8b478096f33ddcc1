//! Running a template: a serialisable context into the theme's Tera engine,
//! a template error into a diagnostic that names the template and the file
//! being rendered. The last step of every render (pages, generated pages,
//! the feed and the sitemap).

use std::path::Path;

use serde::Serialize;
use tera::{Context, Tera};

use super::RenderEnv;
use crate::diagnostic::Diagnostic;

impl RenderEnv<'_> {
    /// Renders `template` with `ctx`, the section navigation `nav` and the
    /// globals; `shown` is the file the diagnostics name.
    pub(super) fn render_template<T: Serialize>(
        &self,
        template: &str,
        ctx: &T,
        nav: Option<tera::Value>,
        shown: &Path,
    ) -> Result<Vec<u8>, Diagnostic> {
        let context =
            Context::from_serialize(ctx).map_err(|e| crate::theme::template_error(shown, &e))?;
        self.render_context(template, context, nav, shown)
    }

    /// [`Self::render_template`] from a Tera context (`listing` is `null`
    /// unless the context has one).
    pub(super) fn render_context(
        &self,
        template: &str,
        mut context: Context,
        nav: Option<tera::Value>,
        shown: &Path,
    ) -> Result<Vec<u8>, Diagnostic> {
        context.insert_value("section_nav", nav.unwrap_or_else(tera::Value::none));
        if !context.contains_key("listing") {
            context.insert_value("listing", tera::Value::none());
        }
        let mut out = Vec::with_capacity(32 * 1024);
        match self.tera.render_to(template, &context, &mut out) {
            Ok(()) => Ok(out),
            Err(e) => Err(render_error(template, shown, &e)),
        }
    }
}

/// Renders a whole file from its template (`atom.xml`, `sitemap.xml`):
/// `ctx` and the globals, no page.
pub(super) fn render_file<T: Serialize>(
    tera: &Tera,
    template: &str,
    ctx: &T,
) -> Result<Vec<u8>, Diagnostic> {
    let shown = Path::new(template);
    let context =
        Context::from_serialize(ctx).map_err(|e| crate::theme::template_error(shown, &e))?;
    let mut out = Vec::with_capacity(16 * 1024);
    match tera.render_to(template, &context, &mut out) {
        Ok(()) => Ok(out),
        Err(e) => Err(render_error(template, shown, &e)),
    }
}

/// A failed render: the error in `templates/<template>`, and the file it was rendering.
fn render_error(template: &str, shown: &Path, e: &tera::Error) -> Diagnostic {
    let mut d = crate::theme::template_error(Path::new(&format!("templates/{template}")), e);
    d.message = crate::messages::msg!(
        "template-error-rendering",
        error = d.message.clone(),
        page = shown.display()
    );
    d
}
