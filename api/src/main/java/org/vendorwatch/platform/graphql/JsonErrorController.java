package org.vendorwatch.platform.graphql;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet container's error dispatch ({@code /error}): whatever ends there (an unknown path, a
 * status set by a filter, a request the container itself refused) gets the project's JSON error shape
 * with a code, never Spring's "Whitelabel Error Page" or its default JSON. Replaces Boot's
 * BasicErrorController.
 */
@Controller
public class JsonErrorController implements ErrorController {

    @RequestMapping("/error")
    public void error(HttpServletRequest request, HttpServletResponse response) {
        Object status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object exception = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        int code = status instanceof Integer i && i >= 400 ? i : 404; // a direct GET /error: nothing is there
        HttpErrors.writeError(request, response, code, exception instanceof Exception e ? e : null);
    }
}
