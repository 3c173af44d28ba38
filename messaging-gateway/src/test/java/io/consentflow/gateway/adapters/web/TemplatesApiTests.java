package io.consentflow.gateway.adapters.web;

import static io.consentflow.gateway.support.StubCloudApiInitializer.STUB;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentflow.gateway.domain.TemplateCatalog;
import io.consentflow.gateway.support.GatewayTest;
import io.consentflow.testsupport.StaffTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The catalog over real HTTP: every page of message_templates read, refreshed on demand, staff roles enforced. */
@GatewayTest
class TemplatesApiTests {

    @Autowired
    WebTestClient web;
    @Autowired
    TemplateCatalog catalog;

    private WebTestClient.ResponseSpec refresh(String role) {
        return web.post().uri("/api/v1/templates/refresh")
                .headers(h -> h.setBearerAuth(StaffTokens.forRole(role))).exchange();
    }

    @Test
    void aRefreshOnDemandReadsEveryPageAndShowsMetasChanges() {
        STUB.template("winter_sale", "de", "MARKETING", "APPROVED");
        int reads = STUB.templateReads();

        refresh("MARKETING").expectStatus().isOk();

        // the stub answers two templates a page: more than two pages for the defaults plus this one
        assertThat(STUB.templateReads() - reads).isGreaterThanOrEqualTo(3);
        assertThat(catalog.find("winter_sale", "de").approved()).isTrue();
        assertThat(catalog.find("offer", "de").category().name()).isEqualTo("MARKETING");

        STUB.template("winter_sale", "de", "MARKETING", "PAUSED");
        refresh("ADMIN").expectStatus().isOk().expectBody()
                .jsonPath("$.templates[?(@.name == 'winter_sale')].status").isEqualTo("PAUSED");
        assertThat(catalog.find("winter_sale", "de").approved()).isFalse();
    }

    @Test
    void onlyStaffWithTheRoleMayReadOrRefresh() {
        web.get().uri("/api/v1/templates").exchange().expectStatus().isUnauthorized();
        web.get().uri("/api/v1/templates").headers(h -> h.setBearerAuth(StaffTokens.forRole("DPO"))).exchange()
                .expectStatus().isForbidden();
        web.get().uri("/api/v1/templates").headers(h -> h.setBearerAuth(StaffTokens.forRole("SUPPORT"))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.loadedAt").isNotEmpty()
                .jsonPath("$.templates[?(@.name == 'offer')].category").isEqualTo("MARKETING");
        refresh("SUPPORT").expectStatus().isForbidden();
    }
}
