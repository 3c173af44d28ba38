package io.consentflow.audit.adapters.http;

import io.consentflow.audit.app.Witnesses;
import io.consentflow.audit.config.AnchorProperties;
import io.consentflow.proof.Json;
import io.consentflow.proof.WitnessFolder;
import io.consentflow.proof.WitnessedCheckpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * {@link Witnesses}: a folder and/or an HTTPS endpoint outside the operator's database. Each receives every
 * checkpoint head once; verification reads the heads back from the folder if there is one, else from the endpoint.
 */
@Component
public class CheckpointWitnesses implements Witnesses {

    private final WitnessFolder folder;
    private final URI url;
    private final AnchorProperties.Witness settings;
    private final HttpClient http;

    public CheckpointWitnesses(AnchorProperties properties) {
        this.settings = properties.witness();
        this.folder = settings.folder().isBlank() ? null : new WitnessFolder(Path.of(settings.folder()));
        this.url = settings.url().isBlank() ? null : URI.create(settings.url());
        this.http = url == null ? null : HttpClient.newBuilder().connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public boolean enabled() {
        return folder != null || url != null;
    }

    String kind() {
        return folder != null && url != null ? "folder+https" : folder != null ? "folder" : url != null ? "https" : "none";
    }

    /** Delivers one head to every witness; throws when one of them did not take it. */
    @Override
    public void deliver(WitnessedCheckpoint head) {
        if (folder != null) {
            folder.deliver(head);
        }
        if (url != null) {
            HttpResponse<Void> response = send(HttpRequest.newBuilder(url).timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(head.toJson())).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() / 100 != 2 && response.statusCode() != 409) {
                throw new IllegalStateException("the witness answered HTTP " + response.statusCode());
            }
        }
    }

    /** Every head a witness holds (the folder's when there is one). */
    @Override
    public List<WitnessedCheckpoint> heads() {
        if (folder != null) {
            return folder.heads();
        }
        if (url == null) {
            return List.of();
        }
        HttpResponse<String> response = send(HttpRequest.newBuilder(url).timeout(settings.timeout())
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the witness answered HTTP " + response.statusCode());
        }
        JsonNode array = Json.MAPPER.readTree(response.body());
        List<WitnessedCheckpoint> heads = new ArrayList<>();
        array.forEach(node -> heads.add(WitnessedCheckpoint.fromJson(node)));
        return heads;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return http.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException("the witness cannot be reached", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while calling the witness");
        }
    }
}
