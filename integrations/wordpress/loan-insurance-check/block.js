// The block "loan-insurance-check/checker" for the block editor, in plain JavaScript on the wp.* globals (no build
// step). It is a dynamic block: the post stores only its attributes (<!-- wp:loan-insurance-check/checker {...} /-->)
// and PHP renders the widget, so Authors can use it (no unfiltered_html).
(function (wp, options) {
	'use strict';
	var el = wp.element.createElement;
	var __ = wp.i18n.__;
	var InspectorControls = wp.blockEditor.InspectorControls;
	var useBlockProps = wp.blockEditor.useBlockProps;
	var PanelBody = wp.components.PanelBody;
	var SelectControl = wp.components.SelectControl;
	var TextControl = wp.components.TextControl;
	var TextareaControl = wp.components.TextareaControl;
	var CheckboxControl = wp.components.CheckboxControl;

	wp.blocks.registerBlockType('loan-insurance-check/checker', {
		apiVersion: 2,
		title: __('Loan insurance checker', 'loan-insurance-check'),
		category: 'widgets',
		icon: 'shield',
		// The same keys as the PHP side (both from the build's widget/plugin.json).
		attributes: (options.keys || []).reduce(function (all, key) { all[key] = { type: 'string', default: '' }; return all; }, {}),
		supports: { html: false },
		edit: function (props) {
			var a = props.attributes;
			var set = function (key) { return function (value) { var change = {}; change[key] = value; props.setAttributes(change); }; };
			var chosen = a.claims ? a.claims.split(',') : [];
			var claims = (options.claims || []).map(function (id) {
				return el(CheckboxControl, {
					key: id, label: id, checked: chosen.indexOf(id) >= 0,
					onChange: function (on) {
						var next = chosen.filter(function (c) { return c !== id; });
						if (on) next.push(id);
						props.setAttributes({ claims: next.join(',') });
					},
				});
			});
			return el('div', useBlockProps(),
				el(InspectorControls, null,
					el(PanelBody, { title: __('Settings', 'loan-insurance-check') },
						el(SelectControl, { label: __('Language', 'loan-insurance-check'), value: a.lang, onChange: set('lang'),
							options: [{ label: __('Site default', 'loan-insurance-check'), value: '' }, { label: 'Français', value: 'fr' }, { label: 'English', value: 'en' }] }),
						el(TextControl, { label: __('Brand colour', 'loan-insurance-check'), value: a.color, onChange: set('color'), placeholder: '#005a9c' }),
						el(SelectControl, { label: __('Theme', 'loan-insurance-check'), value: a.theme, onChange: set('theme'),
							options: [{ label: __('Site default', 'loan-insurance-check'), value: '' }].concat((options.themes || []).map(function (t) { return { label: t, value: t }; })) }),
						el(TextareaControl, { label: __('Campaign manifest', 'loan-insurance-check'), value: a.manifest, onChange: set('manifest') })),
					el(PanelBody, { title: __('Claims to feature', 'loan-insurance-check'), initialOpen: false }, claims)),
				el('p', null, __('Loan insurance checker: shown to visitors here (the preview is on the published page).', 'loan-insurance-check')));
		},
		save: function () { return null; },
	});
}(window.wp, window.loanInsuranceCheckBlock || {}));
