package io.consentflow.retention;

import io.consentflow.schemas.TopicSpec;
import io.consentflow.schemas.Topics;
import io.consentflow.testsupport.ServiceBaselineContract;
import java.util.List;

@RetentionServiceTest
class ServiceBaselineTests extends ServiceBaselineContract {

    @Override
    protected List<TopicSpec> createdTopics() {
        return List.of(Topics.RETENTION_COMMANDS, Topics.CONSENT_EVENTS.deadLetter(),
                Topics.MESSAGE_EVENTS.deadLetter());
    }

    @Override
    protected String staffEndpoint() {
        return "/api/v1/retention/policies";
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
