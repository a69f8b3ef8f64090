ActivationZoo(
  (c1): Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
  (softplus): Softplus(beta=2, threshold=20)
  (c2): Conv2d(8, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
  (selu): SELU(inplace=True)
  (celu): CELU(alpha=0.5)
  (softsign): Softsign()
  (c3): Conv2d(8, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
  (logsigmoid): LogSigmoid()
  (hardshrink): Hardshrink(0.25)
  (threshold): Threshold(threshold=0.1, value=-0.5)
  (c4): Conv2d(8, 16, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1))
  (fc): Linear(in_features=1024, out_features=10, bias=True)
)



def forward(self, x):
    c1 = self.c1(x);  x = None
    softplus = self.softplus(c1)
    softplus_1 = torch._C._nn.softplus(c1);  c1 = None
    add = softplus + softplus_1;  softplus = softplus_1 = None
    c2 = self.c2(add)
    selu = self.selu(c2);  c2 = None
    selu_1 = torch.nn.functional.selu(add, inplace = False);  add = None
    add_1 = selu + selu_1;  selu = selu_1 = None
    celu = self.celu(add_1)
    mul = celu * 0.5;  celu = None
    softsign = self.softsign(add_1);  add_1 = None
    add_2 = mul + softsign;  mul = softsign = None
    c3 = self.c3(add_2);  add_2 = None
    tanhshrink = torch.nn.functional.tanhshrink(c3);  c3 = None
    logsigmoid = self.logsigmoid(tanhshrink)
    hardshrink = self.hardshrink(tanhshrink)
    add_3 = logsigmoid + hardshrink;  logsigmoid = hardshrink = None
    softshrink = torch._C._nn.softshrink(tanhshrink, 0.1)
    add_4 = add_3 + softshrink;  add_3 = softshrink = None
    threshold = self.threshold(add_4);  add_4 = None
    neg = -tanhshrink
    exp = torch.exp(neg);  neg = None
    add_5 = threshold + exp;  threshold = exp = None
    abs_1 = tanhshrink.abs()
    add_6 = add_5 + abs_1;  add_5 = abs_1 = None
    square = torch.square(tanhshrink);  tanhshrink = None
    add_7 = add_6 + square;  add_6 = square = None
    c4 = self.c4(add_7);  add_7 = None
    clamp = torch.clamp(c4, 0, 6);  c4 = None
    clamp_1 = clamp.clamp(min = -1.0)
    sub = clamp - 3;  clamp = None
    relu_ = torch.relu_(sub);  sub = None
    add_8 = clamp_1 + relu_;  clamp_1 = relu_ = None
    relu__1 = add_8.relu_();  add_8 = None
    flatten = relu__1.flatten(1);  relu__1 = None
    fc = self.fc(flatten);  flatten = None
    return fc
    
