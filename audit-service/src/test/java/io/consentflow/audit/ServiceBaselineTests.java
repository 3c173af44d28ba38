package io.consentflow.audit;

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
        // audit-service owns no topic; it creates the dead-letter topics of the topics it consumes
        return List.of(Topics.CONSENT_EVENTS.deadLetter(), Topics.SEND_REQUESTS.deadLetter(),
                Topics.MESSAGE_EVENTS.deadLetter(), Topics.WHATSAPP_INBOUND.deadLetter(),
                Topics.RETENTION_COMMANDS.deadLetter());
    }

    @Override
    protected String staffEndpoint() {
        return "/api/v1/audit/entries";
    }

    @Override
    protected String allowedRole() {
        return "DPO";
    }

    @Override
    protected String forbiddenRole() {
        return "SUPPORT";
    }
}
