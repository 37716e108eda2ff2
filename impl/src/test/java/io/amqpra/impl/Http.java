package io.amqpra.impl;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls a test application in a server the way a browser or a script would: GET, and HTTP 200 or an assertion error. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10)).build();

    private Http() {
    }

    public static String get(URL base, String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base.toString()).resolve(pathAndQuery))
                .timeout(Duration.ofMinutes(2)).GET().build();
        HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("HTTP " + response.statusCode() + " from " + pathAndQuery + ": "
                    + response.body());
        }
        return response.body().trim();
    }
}
