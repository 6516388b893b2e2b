package main

import (
	"context"
	"testing"

	"go.temporal.io/server/common/api"
	"go.temporal.io/server/common/authorization"
	"go.temporal.io/server/common/log"
)

const namespace = "prepared-return"

func decide(t *testing.T, claims *authorization.Claims, method string) authorization.Decision {
	t.Helper()
	result, err := newWorkerRoleAuthorizer(log.NewNoopLogger()).Authorize(context.Background(), claims, &authorization.CallTarget{APIName: api.WorkflowServicePrefix + method, Namespace: namespace})
	if err != nil {
		t.Fatalf("%s: %v", method, err)
	}
	return result.Decision
}

func roles(role authorization.Role) *authorization.Claims {
	return &authorization.Claims{Subject: "worker", Namespaces: map[string]authorization.Role{namespace: role}}
}

func TestTheWorkerRoleRunsTasksButStartsNothing(t *testing.T) {
	worker := roles(authorization.RoleWorker | authorization.RoleReader)
	for _, method := range []string{"PollWorkflowTaskQueue", "RespondWorkflowTaskCompleted", "PollActivityTaskQueue", "RecordActivityTaskHeartbeat", "RespondQueryTaskCompleted", "ShutdownWorker", "DescribeNamespace", "GetWorkflowExecutionHistory"} {
		if decide(t, worker, method) != authorization.DecisionAllow {
			t.Errorf("the worker may not %s", method)
		}
	}
	for _, method := range []string{"StartWorkflowExecution", "SignalWorkflowExecution", "SignalWithStartWorkflowExecution", "UpdateWorkflowExecution", "TerminateWorkflowExecution", "RequestCancelWorkflowExecution", "RespondActivityTaskCompletedById", "UpdateNamespace"} {
		if decide(t, worker, method) != authorization.DecisionDeny {
			t.Errorf("the worker may %s", method)
		}
	}
}

func TestTheDefaultRulesStandForEveryoneElse(t *testing.T) {
	if decide(t, roles(authorization.RoleReader), "PollWorkflowTaskQueue") != authorization.DecisionDeny {
		t.Error("a reader may poll")
	}
	if decide(t, roles(authorization.RoleWriter), "StartWorkflowExecution") != authorization.DecisionAllow {
		t.Error("a writer may not start a workflow")
	}
	if decide(t, nil, "PollWorkflowTaskQueue") != authorization.DecisionDeny {
		t.Error("a caller without claims may poll")
	}
	other := &authorization.Claims{Namespaces: map[string]authorization.Role{"elsewhere": authorization.RoleWorker}}
	if decide(t, other, "PollWorkflowTaskQueue") != authorization.DecisionDeny {
		t.Error("a worker of another namespace may poll here")
	}
}
