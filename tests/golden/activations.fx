Activations(
  (c1): Conv2d(3, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
  (tanh): Tanh()
  (c2): Conv2d(8, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
  (gelu): GELU(approximate='none')
  (gelu_tanh): GELU(approximate='tanh')
  (c3): Conv2d(8, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
  (leaky): LeakyReLU(negative_slope=0.1, inplace=True)
  (c4): Conv2d(8, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
  (elu): ELU(alpha=1.0)
  (mish): Mish()
  (relu6): ReLU6()
  (c5): Conv2d(8, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))
  (fc): Linear(in_features=2048, out_features=10, bias=True)
)



def forward(self, x):
    c1 = self.c1(x);  x = None
    tanh = self.tanh(c1);  c1 = None
    tanh_1 = torch.tanh(tanh)
    tanh_2 = tanh.tanh();  tanh = None
    add = tanh_1 + tanh_2;  tanh_1 = tanh_2 = None
    c2 = self.c2(add);  add = None
    gelu = self.gelu(c2);  c2 = None
    gelu_tanh = self.gelu_tanh(gelu);  gelu = None
    gelu_1 = torch._C._nn.gelu(gelu_tanh);  gelu_tanh = None
    c3 = self.c3(gelu_1);  gelu_1 = None
    leaky = self.leaky(c3);  c3 = None
    leaky_relu = torch.nn.functional.leaky_relu(leaky, negative_slope = 0.2, inplace = False);  leaky = None
    c4 = self.c4(leaky_relu);  leaky_relu = None
    elu = self.elu(c4);  c4 = None
    elu_1 = torch.nn.functional.elu(elu, alpha = 0.5, inplace = False);  elu = None
    mish = self.mish(elu_1);  elu_1 = None
    relu6 = self.relu6(mish);  mish = None
    c5 = self.c5(relu6);  relu6 = None
    mish_1 = torch.nn.functional.mish(c5, inplace = False);  c5 = None
    truediv = mish_1 / 4;  mish_1 = None
    flatten = torch.flatten(truediv, 1);  truediv = None
    fc = self.fc(flatten);  flatten = None
    return fc
    
