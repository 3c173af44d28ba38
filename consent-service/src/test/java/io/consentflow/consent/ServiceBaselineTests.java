package io.consentflow.consent;

import io.consentflow.schemas.TopicSpec;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.ServiceBaselineContract;
import io.consentflow.testsupport.WithTestInfrastructure;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@WithTestInfrastructure
class ServiceBaselineTests extends ServiceBaselineContract {

    @Override
    protected List<TopicSpec> createdTopics() {
        return List.of(Topics.CONSENT_EVENTS, Topics.CONSENT_STATE, Topics.WHATSAPP_INBOUND.deadLetter(),
                Topics.MESSAGE_EVENTS.deadLetter(), Topics.RETENTION_COMMANDS.deadLetter());
    }

    @Override
    protected String staffEndpoint() {
        return "/api/v1/subjects/+4915112345678/export";
    }

    @Override
    protected String allowedRole() {
        return "DPO";
    }

    @Override
    protected String forbiddenRole() {
        return "MARKETING";
    }
}
