package org.sipladder.diagnose;

import java.util.List;

/**
 * A suggested fix as concrete steps.
 *
 * @param steps    plain-language steps in order
 * @param commands exact commands to run ({@code lk ...}), may be empty
 * @param json     JSON to apply (e.g. a corrected trunk or rule), or null
 */
public record Fix(List<String> steps, List<String> commands, String json) {
}
