<?php
/**
 * Plugin Name:       Loan insurance check
 * Description:       The loan insurance checker for French borrowers, as a shortcode and a block, served from this site. Nothing leaves the visitor's browser unless they choose to send it.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           MIT
 * Text Domain:       loan-insurance-check
 *
 * [loan_insurance_check lang="fr" color="#005a9c" theme="auto" manifest="https://…" claims="after_payoff,wrong_basis"]
 * or the block "loan-insurance-check/checker". Both render <loan-insurance-check data-…> and enqueue the widget's
 * versioned module (widget/www/embed-<hash>.js, shipped inside this plugin) with its Subresource Integrity hash, on
 * the pages that use it only. Authors and editors can use both: no unfiltered_html needed.
 */

if (!defined('ABSPATH')) {
	exit;
}

const LIC_OPTION = 'loan_insurance_check';

/** The build's manifest of versioned files with the claim ids and titles (widget/plugin.json), or null when the plugin was not built. */
function lic_files() {
	static $files = false;
	if (false === $files) {
		$path  = __DIR__ . '/widget/plugin.json';
		$json  = is_readable($path) ? json_decode((string) file_get_contents($path), true) : null;
		$files = is_array($json) && isset($json['files']['embed']['path'], $json['files']['embed']['integrity']) ? $json : null;
	}
	return $files;
}

/** A list of the build (scripts/wordpress-plugin.mjs writes them from the widget's own sources): keys, themes, claims. */
function lic_list($name) {
	$files = lic_files();
	return isset($files[$name]) && is_array($files[$name]) ? array_values(array_map('strval', $files[$name])) : array();
}

/** The configuration keys (the element's data- attributes), the themes and the claim ids the widget accepts. */
function lic_keys() {
	return lic_list('keys');
}
function lic_themes() {
	return lic_list('themes');
}
function lic_claim_ids() {
	return lic_list('claims');
}

/** The site-wide defaults of the settings page. */
function lic_settings() {
	$saved = get_option(LIC_OPTION, array());
	return wp_parse_args(is_array($saved) ? $saved : array(), array_merge(array_fill_keys(lic_keys(), ''), array('lang' => 'fr', 'theme' => 'auto')));
}

/** A configuration value made safe to put in an attribute; the widget checks every value again. */
function lic_clean($key, $value) {
	$value = is_string($value) ? trim($value) : '';
	switch ($key) {
		case 'lang':
			return preg_match('/^[A-Za-z]{2}(-[A-Za-z]{2})?$/', $value) ? $value : '';
		case 'theme':
			return in_array(strtolower($value), lic_themes(), true) ? strtolower($value) : '';
		case 'manifest':
			return (string) substr(wp_check_invalid_utf8($value), 0, 65536);
		default:
			return sanitize_text_field($value);
	}
}

/** <loan-insurance-check> with the attributes of $config over the site's defaults; enqueues the module. */
function lic_render($config) {
	$files = lic_files();
	if (!$files) {
		return current_user_can('activate_plugins')
			? '<p>' . esc_html__('Loan insurance check: the widget files are missing from the plugin (build it with scripts/wordpress-plugin.sh).', 'loan-insurance-check') . '</p>'
			: '';
	}
	$defaults = lic_settings();
	$html     = '<loan-insurance-check';
	foreach (lic_keys() as $key) {
		$value = isset($config[$key]) && '' !== $config[$key] ? $config[$key] : (isset($defaults[$key]) ? $defaults[$key] : '');
		if (is_array($value)) {
			$value = implode(',', $value);
		}
		$value = lic_clean($key, $value);
		if ('' !== $value) {
			$html .= ' data-' . $key . '="' . esc_attr($value) . '"';
		}
	}
	wp_enqueue_script('loan-insurance-check', plugins_url('widget/' . $files['files']['embed']['path'], __FILE__), array(), null, true);
	return $html . '></loan-insurance-check>';
}

/** The module is a module, with its integrity (WordPress prints classic scripts otherwise). */
function lic_script_tag($tag, $handle, $src) {
	if ('loan-insurance-check' !== $handle || !lic_files()) {
		return $tag;
	}
	$integrity = lic_files()['files']['embed']['integrity'];
	return sprintf('<script type="module" src="%s" integrity="%s" crossorigin="anonymous"></script>' . "\n", esc_url($src), esc_attr($integrity));
}
add_filter('script_loader_tag', 'lic_script_tag', 10, 3);

function lic_shortcode($atts) {
	$atts = shortcode_atts(array_fill_keys(lic_keys(), ''), is_array($atts) ? $atts : array(), 'loan_insurance_check');
	return lic_render($atts);
}

function lic_init() {
	add_shortcode('loan_insurance_check', 'lic_shortcode');
	wp_register_script('loan-insurance-check-editor', plugins_url('block.js', __FILE__), array('wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-i18n'), '0.1.0', true);
	wp_localize_script('loan-insurance-check-editor', 'loanInsuranceCheckBlock', array('keys' => lic_keys(), 'claims' => lic_claim_ids(), 'themes' => lic_themes()));
	$attributes = array();
	foreach (lic_keys() as $key) {
		$attributes[$key] = array('type' => 'string', 'default' => '');
	}
	register_block_type('loan-insurance-check/checker', array(
		'api_version'     => 2,
		'title'           => __('Loan insurance checker', 'loan-insurance-check'),
		'category'        => 'widgets',
		'icon'            => 'shield',
		'editor_script'   => 'loan-insurance-check-editor',
		'attributes'      => $attributes,
		'render_callback' => 'lic_render',
		'supports'        => array('html' => false),
	));
}
add_action('init', 'lic_init');

// ---- The settings page (Settings, Loan insurance checker): the defaults of every shortcode and block. -----------
function lic_sanitize_settings($input) {
	$input = is_array($input) ? $input : array();
	$out   = array();
	foreach (lic_keys() as $key) {
		$value = isset($input[$key]) ? $input[$key] : '';
		if ('claims' === $key && is_array($value)) {
			$value = implode(',', array_intersect(array_map('strval', $value), lic_claim_ids()));
		}
		$out[$key] = lic_clean($key, is_string($value) ? wp_unslash($value) : '');
	}
	return $out;
}

function lic_admin_init() {
	register_setting('loan_insurance_check', LIC_OPTION, array('type' => 'array', 'sanitize_callback' => 'lic_sanitize_settings'));
}
add_action('admin_init', 'lic_admin_init');

function lic_admin_menu() {
	add_options_page(__('Loan insurance checker', 'loan-insurance-check'), __('Loan insurance checker', 'loan-insurance-check'), 'manage_options', 'loan-insurance-check', 'lic_settings_page');
}
add_action('admin_menu', 'lic_admin_menu');

function lic_settings_page() {
	if (!current_user_can('manage_options')) {
		return;
	}
	$s      = lic_settings();
	$name   = LIC_OPTION;
	$chosen = array_filter(explode(',', $s['claims']));
	?>
	<div class="wrap">
		<h1><?php esc_html_e('Loan insurance checker', 'loan-insurance-check'); ?></h1>
		<p><?php esc_html_e('The defaults of every [loan_insurance_check] shortcode and block of this site; a shortcode or block setting overrides them.', 'loan-insurance-check'); ?></p>
		<form method="post" action="options.php">
			<?php settings_fields('loan_insurance_check'); ?>
			<table class="form-table" role="presentation">
				<tr><th scope="row"><label for="lic-lang"><?php esc_html_e('Default language', 'loan-insurance-check'); ?></label></th>
					<td><select id="lic-lang" name="<?php echo esc_attr($name); ?>[lang]">
						<option value="fr" <?php selected($s['lang'], 'fr'); ?>>Français</option>
						<option value="en" <?php selected($s['lang'], 'en'); ?>>English</option>
					</select></td></tr>
				<tr><th scope="row"><label for="lic-color"><?php esc_html_e('Brand colour', 'loan-insurance-check'); ?></label></th>
					<td><input type="text" id="lic-color" name="<?php echo esc_attr($name); ?>[color]" value="<?php echo esc_attr($s['color']); ?>" placeholder="#005a9c" aria-describedby="lic-color-hint">
					<p class="description" id="lic-color-hint"><?php esc_html_e('#rrggbb; empty for the default colours. A colour with too little contrast is adjusted to stay readable.', 'loan-insurance-check'); ?></p></td></tr>
				<tr><th scope="row"><label for="lic-theme"><?php esc_html_e('Theme', 'loan-insurance-check'); ?></label></th>
					<td><select id="lic-theme" name="<?php echo esc_attr($name); ?>[theme]">
						<?php foreach (lic_themes() as $theme) : ?>
							<option value="<?php echo esc_attr($theme); ?>" <?php selected($s['theme'], $theme); ?>><?php echo esc_html($theme); ?></option>
						<?php endforeach; ?>
					</select></td></tr>
				<tr><th scope="row"><label for="lic-manifest"><?php esc_html_e('Campaign manifest', 'loan-insurance-check'); ?></label></th>
					<td><textarea id="lic-manifest" class="large-text code" rows="4" name="<?php echo esc_attr($name); ?>[manifest]" aria-describedby="lic-manifest-hint"><?php echo esc_textarea($s['manifest']); ?></textarea>
					<p class="description" id="lic-manifest-hint"><?php esc_html_e('Optional: an https:// address or a JSON object. Read only when a visitor asks to see the campaign.', 'loan-insurance-check'); ?></p></td></tr>
				<tr><th scope="row"><?php esc_html_e('Claims to feature', 'loan-insurance-check'); ?></th>
					<td><fieldset><legend class="screen-reader-text"><?php esc_html_e('Claims to feature', 'loan-insurance-check'); ?></legend>
						<?php foreach (lic_claim_ids() as $id) : ?>
							<label><input type="checkbox" name="<?php echo esc_attr($name); ?>[claims][]" value="<?php echo esc_attr($id); ?>" <?php checked(in_array($id, $chosen, true)); ?>> <?php echo esc_html(lic_claim_title($id)); ?></label><br>
						<?php endforeach; ?>
					</fieldset></td></tr>
			</table>
			<?php submit_button(); ?>
		</form>
	</div>
	<?php
}

/** A claim's name in words, in the site's language (French for a French site), from the build. */
function lic_claim_title($id) {
	$files = lic_files();
	$lang  = 0 === strpos(get_locale(), 'fr') ? 'fr' : 'en';
	return isset($files['claim_titles'][$lang][$id]) ? $files['claim_titles'][$lang][$id] : $id;
}
