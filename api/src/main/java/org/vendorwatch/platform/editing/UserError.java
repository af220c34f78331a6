package org.vendorwatch.platform.editing;

/** A business-rule failure of a mutation: which input field, what is wrong, and a stable code. */
public record UserError(String field, String message, String code) {}
