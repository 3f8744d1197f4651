package outpost.web.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * JSON body of every error response.
 *
 * @param error a short machine-readable code: {@code bad_request}, {@code unauthorized}, {@code
 *     too_many_requests}, {@code not_found}, {@code internal_error}, ...
 * @param message for a person: what was wrong, naming the parameter and the value
 * @param parameter the offending query parameter, when there is one
 */
public record ErrorResponse(
    String error, String message, @JsonInclude(JsonInclude.Include.NON_NULL) String parameter) {}
