"""Graph nodes, one small function per module; what they share lives in aios.agent.steps."""
